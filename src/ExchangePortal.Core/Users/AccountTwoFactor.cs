using ExchangePortal.Core.Auditing;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

/// <param name="CanDisable">Only an account without a staff role may switch two-factor sign-in off.</param>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool CanDisable);

/// <summary>The authenticator key to add to an app: as text and as the otpauth URI a QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>
/// A person's own two-factor sign-in: enrol an authenticator app, recovery codes (shown once, each usable once), switch it
/// off (applicants only), and confirming who they are before a sensitive change. Every change is audited.
/// </summary>
public class AccountTwoFactor(UserManager<PortalUser> users, AuditTrail audit)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Exchange Portal";
    public const string WrongCode = "That code is not right. Enter the current 6-digit code from your authenticator app.";

    // Where Identity's EF store keeps the authenticator key and the recovery codes (AspNetUserTokens).
    internal const string KeyProvider = "[AspNetUserStore]";
    internal const string KeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>The roles that must sign in with an authenticator code (when Security:RequireStaffTwoFactor is on).</summary>
    public static readonly IReadOnlyList<string> RequiredFor = [Roles.HospitalCoordinator, Roles.UniversityCoordinator, Roles.Administrator];

    public async Task<TwoFactorStatus?> GetStatusAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return null;
        var roles = await users.GetRolesAsync(user);
        return new TwoFactorStatus(user.TwoFactorEnabled, user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            !roles.Intersect(RequiredFor).Any());
    }

    /// <summary>The key to enrol with, made on first use (without a new security stamp, so the session goes on); null once enrolled.</summary>
    public async Task<AuthenticatorSetup?> SetupAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { TwoFactorEnabled: false } user)
            return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, KeyProvider, KeyName, key);
        }
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
    }

    /// <summary>Turns two-factor sign-in on with a code from the app; the recovery codes to show once, or null without the user.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(string userId, string code)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return null;
        if (user.TwoFactorEnabled)
            throw new DomainException("Two-factor sign-in is already on for this account.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            throw new DomainException(WrongCode);
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAccessAsync(AuditTrail.TwoFactorEnrolled, user.Id);
        return codes;
    }

    /// <summary>New recovery codes; the earlier ones stop working.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return null;
        if (!user.TwoFactorEnabled)
            throw new DomainException("Turn two-factor sign-in on first.");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAccessAsync(AuditTrail.RecoveryCodesRegenerated, user.Id);
        return codes;
    }

    /// <summary>Switches two-factor sign-in off for an applicant; a staff account keeps it (an administrator can reset it).</summary>
    public async Task<bool> DisableAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return false;
        if ((await users.GetRolesAsync(user)).Intersect(RequiredFor).Any())
            throw new DomainException("Staff accounts keep two-factor sign-in. If you lost your authenticator, ask an administrator to reset it.");
        await ForgetAsync(users, user);
        await audit.RecordAccessAsync(AuditTrail.TwoFactorDisabled, user.Id);
        return true;
    }

    /// <summary>
    /// Confirms the signed-in person before a sensitive change: the password, and a fresh authenticator code when the account
    /// has two-factor sign-in. A wrong password counts towards the lockout like a failed sign-in.
    /// </summary>
    public async Task<bool> ConfirmIdentityAsync(string userId, string password, string? code)
    {
        if (await users.FindByIdAsync(userId) is not { } user || await users.IsLockedOutAsync(user))
            return false;
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            await audit.RecordAccessAsync(AuditTrail.SignInFailed, user.Id, "re-authentication: wrong password");
            return false;
        }
        if (user.TwoFactorEnabled && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            await audit.RecordAccessAsync(AuditTrail.SignInFailed, user.Id, "re-authentication: wrong code");
            return false;
        }
        await audit.RecordAccessAsync(AuditTrail.Reauthenticated, user.Id);
        return true;
    }

    /// <summary>Off, key and recovery codes gone, a new security stamp (every session of the account ends).</summary>
    internal static async Task ForgetAsync(UserManager<PortalUser> users, PortalUser user)
    {
        user.ForgetAuthenticatorTimeStep();
        Check(await users.RemoveAuthenticationTokenAsync(user, KeyProvider, KeyName));
        Check(await users.RemoveAuthenticationTokenAsync(user, KeyProvider, RecoveryCodesName));
        Check(await users.SetTwoFactorEnabledAsync(user, false));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
