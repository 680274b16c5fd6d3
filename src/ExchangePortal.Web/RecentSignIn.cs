using System.Globalization;
using System.Security.Cryptography;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web;

/// <summary>
/// When the signed-in person last proved who they are (a sign-in, or the re-authentication page): a data-protected cookie
/// with the user's id and the time, checked against Security:ReauthenticationMinutes on the portal's clock. It belongs to
/// one account, so another person signing in on the same browser does not inherit it.
/// </summary>
public sealed class RecentSignIn(IDataProtectionProvider protection, TimeProvider time, IOptions<SecurityOptions> options)
{
    private const string Name = "Portal.RecentSignIn";

    private readonly IDataProtector _protector = protection.CreateProtector("ExchangePortal.RecentSignIn.v1");

    public void Remember(HttpContext http, string userId)
    {
        var value = _protector.Protect(userId + "|" + time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName(http), value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
    }

    public bool IsRecent(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true || !http.Request.Cookies.TryGetValue(CookieName(http), out var value))
            return false;
        string[] parts;
        try
        {
            parts = _protector.Unprotect(value).Split('|');
        }
        catch (CryptographicException)
        {
            return false;
        }
        if (parts.Length != 2 || parts[0] != http.User.UserId() || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds))
            return false;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age >= TimeSpan.Zero && age < TimeSpan.FromMinutes(options.Value.ReauthenticationMinutes);
    }

    // Secure cookies on https are host-only (__Host-), like the portal's other cookies.
    private static string CookieName(HttpContext http) => http.Request.IsHttps ? "__Host-" + Name : Name;
}
