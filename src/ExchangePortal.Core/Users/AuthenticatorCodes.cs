using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace ExchangePortal.Core.Users;

/// <summary>
/// Authenticator codes (RFC 6238: 30-second steps, 6 digits, one step of clock drift either way) from the key Identity keeps,
/// on the portal's clock. Each code works once: the step it matched is stored, and a code of that step or an earlier one is
/// refused, so a code seen over someone's shoulder cannot be used again.
/// </summary>
public sealed class AuthenticatorCodes(PortalDbContext db, ProgrammeClock clock) : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string ProviderName = "PortalAuthenticator";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // An authenticator app makes the codes; the portal never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var code = Normalize(token);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
            return false;
        if (!new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(clock.Now.UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay))
            return false;
        // One conditional UPDATE decides, so two requests carrying the same code cannot both pass.
        return await db.Users.Where(u => u.Id == user.Id && (u.AuthenticatorTimeStep == null || u.AuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorTimeStep, step)) == 1;
    }

    /// <summary>A code as people type it: spaces and dashes dropped.</summary>
    public static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
