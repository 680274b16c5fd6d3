using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

/// <summary>
/// The first administrator of an empty portal (the `create-admin` command): an account without a password, with the
/// Administrator role, and an emailed single-use link to choose the password (which also confirms the address).
/// </summary>
public class FirstAdministrator(PortalDbContext db, UserManager<PortalUser> users, AccountEmails emails)
{
    /// <summary>Creates the account and queues its email in one transaction; returns the link (the command prints it too).</summary>
    public async Task<string> CreateAsync(string email, string? name, CancellationToken ct = default)
    {
        if (await users.FindByEmailAsync(email) is not null)
            throw new DomainException($"An account with the address {email} exists already; nothing was changed.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser { UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim() };
        Require(await users.CreateAsync(user));
        Require(await users.AddToRoleAsync(user, Roles.Administrator));
        var link = await emails.SendSetPasswordAsync(user, ct);
        await transaction.CommitAsync(ct);
        return link;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join('\n', result.Errors.Select(e => e.Description)));
    }
}
