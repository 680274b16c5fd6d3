using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

public class PortalUser : IdentityUser
{
    /// <summary>An administrator's lock never ends (LockoutEnd = DateTimeOffset.MaxValue, stored as infinity).</summary>
    public static readonly DateTimeOffset AdministratorLock = DateTimeOffset.MaxValue;

    /// <summary>A lockout ending after this is an administrator's; failed sign-ins lock for minutes only.</summary>
    public static readonly DateTimeOffset AdministratorLockAfter = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string DisplayName { get; set; } = "";

    /// <summary>The hospital a hospital coordinator works for (or an applicant's hospital).</summary>
    public int? HospitalId { get; set; }
    public Institution? Hospital { get; set; }

    /// <summary>"en" or "zh-Hans"; null means the browser's choice.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>SHA-256 (hex) of the secret in the user's calendar feed URL; null until they ask for a feed.</summary>
    public string? CalendarTokenHash { get; private set; }

    /// <summary>A new secret for the calendar feed URL; the old URL stops working. Only its hash is stored.</summary>
    public string RegenerateCalendarToken()
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        CalendarTokenHash = HashCalendarToken(token);
        return token;
    }

    public static string HashCalendarToken(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The TOTP time step of the last authenticator code accepted: a code of that step or an earlier one is refused (no replay).</summary>
    public long? AuthenticatorTimeStep { get; private set; }

    /// <summary>A new authenticator key starts a new sequence of codes.</summary>
    public void ForgetAuthenticatorTimeStep() => AuthenticatorTimeStep = null;

}
