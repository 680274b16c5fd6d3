using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ExchangePortal.Core;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public static class PortalAccountEmails
{
    /// <summary>
    /// Account emails go through the outbox: the portal's pages compose them (AccountEmails); anything Identity UI itself
    /// would send lands in the outbox too, instead of its default sender that drops it. First-password links have their own
    /// token provider, valid for three days; reset and confirmation links keep Identity's one day.
    /// </summary>
    public static void AddPortalAccountEmails(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IEmailSender, OutboxEmailSender>();
        builder.Services.AddTransient<ClockedTokenProvider<DataProtectionTokenProviderOptions>>();
        builder.Services.AddTransient<ClockedTokenProvider<SetPasswordTokenProviderOptions>>();
        builder.Services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[TokenOptions.DefaultProvider] = new TokenProviderDescriptor(typeof(ClockedTokenProvider<DataProtectionTokenProviderOptions>));
            o.Tokens.ProviderMap[AccountLinks.SetPassword] = new TokenProviderDescriptor(typeof(ClockedTokenProvider<SetPasswordTokenProviderOptions>));
        });
        builder.Services.Configure<SetPasswordTokenProviderOptions>(o =>
        {
            o.Name = AccountLinks.SetPassword;
            o.TokenLifespan = TimeSpan.FromDays(3);
        });
    }
}

public sealed class SetPasswordTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Identity's data-protected tokens (links in account emails), expiring by the portal's clock (TimeProvider) rather than
/// the system's: the same in production, and a test can move time past a link's lifespan.
/// </summary>
public sealed class ClockedTokenProvider<TOptions>(IDataProtectionProvider protection, IOptions<TOptions> options,
    ILogger<DataProtectorTokenProvider<PortalUser>> logger, TimeProvider time)
    : DataProtectorTokenProvider<PortalUser>(protection, options, logger)
    where TOptions : DataProtectionTokenProviderOptions, new()
{
    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user) =>
        IssuedWithinLifespan(token) && await base.ValidateAsync(purpose, token, manager, user);

    /// <summary>The token starts with its creation time (UTC ticks, as the base class writes it).</summary>
    private bool IssuedWithinLifespan(string token)
    {
        try
        {
            var payload = Protector.Unprotect(Convert.FromBase64String(token));
            var created = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(payload), TimeSpan.Zero);
            return time.GetUtcNow() <= created + Options.TokenLifespan;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Identity UI's sender, writing to the outbox: its HTML message becomes plain text, a link keeping its address.</summary>
public sealed partial class OutboxEmailSender(PortalDbContext db, ProgrammeClock clock) : IEmailSender
{
    [GeneratedRegex("<a[^>]*href=['\"]([^'\"]*)['\"][^>]*>(.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var text = WebUtility.HtmlDecode(Tag().Replace(Anchor().Replace(htmlMessage, "$2: $1"), ""));
        db.Notifications.Add(new Notification("account.identity", email, subject, text, clock.Now));
        await db.SaveChangesAsync();
    }
}
