using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Demo;

/// <summary>
/// The demo staff accounts' authenticator keys (README "Demo accounts"; scripts/run.sh prints them), so a newcomer can sign
/// in as each role with any authenticator app when two-factor sign-in is required for staff.
/// </summary>
public class DemoAuthenticators(PortalDbContext db, UserManager<PortalUser> users)
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["admin@demo.local"] = "4J7QGCCF54BFKBADEUVGFEM2WNV5CDL3",
        ["coordinator@demo.local"] = "KARENUPOAB6ROOYNEXUFECIWOBSD4NGB",
        ["hospital@demo.local"] = "JOOVZO4X2JA3RVJ63MNVCPRSPBDYE4ZQ",
        ["hospital2@demo.local"] = "6GZQNZK26MSEGVBHMP5KPQE5Y27RA6EH",
    };

    /// <summary>Enrols each demo staff account that has no authenticator key (at the next start again after an administrator reset it).</summary>
    public async Task EnrolStaffAsync(CancellationToken ct = default)
    {
        var emails = Keys.Keys.Select(e => e.ToUpperInvariant()).ToList();
        var accounts = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToListAsync(ct);
        foreach (var user in accounts)
        {
            if (await users.GetAuthenticatorKeyAsync(user) is not null)
                continue;
            await users.SetAuthenticationTokenAsync(user, AccountTwoFactor.KeyProvider, AccountTwoFactor.KeyName, Keys[user.Email!]);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
    }
}
