using System.Buffers.Text;
using System.Text;
using ExchangePortal.Core.Notifications;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

/// <summary>
/// The single-use links that let whoever reads a mailbox act on its account: confirm the address, choose a password
/// (after "forgot password", or a first password for an account made by someone else), confirm a new address. Each carries
/// an Identity token bound to the account's security stamp, so a password set with one link voids every other link.
/// </summary>
public class AccountLinks(UserManager<PortalUser> users, PublicLinks links)
{
    /// <summary>The token provider (and purpose) of a first-password link; it lives longer than a reset link (Setup/PortalIdentity).</summary>
    public const string SetPassword = "SetPassword";

    public const string ChoosePasswordPage = "/Identity/Account/ResetPassword";

    public async Task<string> ConfirmEmailAsync(PortalUser user) =>
        links.To("/Identity/Account/ConfirmEmail", ("userId", user.Id), ("code", Encode(await users.GenerateEmailConfirmationTokenAsync(user))));

    public async Task<string> ResetPasswordAsync(PortalUser user) =>
        links.To(ChoosePasswordPage, ("userId", user.Id), ("code", Encode(await users.GeneratePasswordResetTokenAsync(user))));

    public async Task<string> SetPasswordAsync(PortalUser user) =>
        links.To(ChoosePasswordPage, ("userId", user.Id), ("code", Encode(await users.GenerateUserTokenAsync(user, SetPassword, SetPassword))));

    public async Task<string> ChangeEmailAsync(PortalUser user, string newEmail) =>
        links.To("/Identity/Account/ConfirmEmailChange", ("userId", user.Id), ("email", newEmail),
            ("code", Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail))));

    /// <summary>True when the code is a live password link of this account (a reset or a first-password one).</summary>
    public async Task<bool> IsPasswordLinkAsync(PortalUser user, string? code) =>
        Decode(code) is { } token
        && (await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token)
            || await users.VerifyUserTokenAsync(user, SetPassword, SetPassword, token));

    /// <summary>Tokens travel base64url-encoded, so a mail client cannot break them.</summary>
    public static string Encode(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code) || !Base64Url.IsValid(code))
            return null;
        return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code));
    }
}
