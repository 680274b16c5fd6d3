using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Users;

/// <summary>
/// What a person does with an account's emails: ask for a reset or a new confirmation (the same answer whether or not
/// the address has an account), choose a password from a link, confirm an address. A link that does not work, for
/// whatever reason, gets one message, so it tells nothing about the account.
/// </summary>
public class AccountPasswords(PortalDbContext db, UserManager<PortalUser> users, AccountLinks links, AccountEmails emails, AuditTrail audit)
{
    public const string LinkNotValid = "This link does not work any more: it was used already, it has expired, or it was copied incompletely. Ask for a new one.";

    /// <summary>Emails a reset link when the address has an account; nothing otherwise (the caller answers the same).</summary>
    public async Task RequestResetAsync(string email, CancellationToken ct = default)
    {
        if (await users.FindByEmailAsync(email) is { } user)
            await emails.SendPasswordResetAsync(user, ct);
    }

    /// <summary>Emails a confirmation link when the address has an account that is not confirmed yet.</summary>
    public async Task ResendConfirmationAsync(string email, CancellationToken ct = default)
    {
        if (await users.FindByEmailAsync(email) is { EmailConfirmed: false } user)
            await emails.SendConfirmationAsync(user, ct);
    }

    /// <summary>
    /// Sets the password from a reset or first-password link. The link was read in the account's mailbox, so it confirms
    /// the address too; the new security stamp voids the link (and every other one) and signs out other sessions.
    /// </summary>
    public async Task<bool> ChoosePasswordAsync(string? userId, string? code, string password)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || !await links.IsPasswordLinkAsync(user, code))
            throw new DomainException(LinkNotValid);
        user.EmailConfirmed = true;
        Require(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
        // A lock stays: an administrator's lock is not lifted by whoever reads the mailbox.
        await audit.RecordAccessAsync(AuditTrail.PasswordReset, user.Id);
        return true;
    }

    /// <summary>True for an invited account that has no password yet: choosing one accepts the invitation.</summary>
    public async Task<bool> AwaitsFirstPasswordAsync(string? userId) =>
        userId is not null && await users.FindByIdAsync(userId) is { PasswordHash: null };

    public async Task<bool> ConfirmEmailAsync(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || AccountLinks.Decode(code) is not { } token || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
            throw new DomainException(LinkNotValid);
        return true;
    }

    public async Task<bool> ChangePasswordAsync(string userId, string oldPassword, string newPassword)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
            return false;
        var changed = await users.ChangePasswordAsync(user, oldPassword, newPassword);
        if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            throw new DomainException("The current password is not right.");
        Require(changed);
        await audit.RecordAccessAsync(AuditTrail.PasswordChanged, user.Id);
        return true;
    }

    /// <summary>Emails a confirmation link to the new address; the account keeps its address until the link is followed.</summary>
    public async Task<bool> RequestEmailChangeAsync(string userId, string newEmail, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return false;
        if (string.Equals(user.Email, newEmail, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("This is already your email address.");
        await emails.SendEmailChangeAsync(user, newEmail, ct);
        return true;
    }

    /// <summary>Makes the confirmed new address the account's sign-in name and the applicant profile's address, together.</summary>
    public async Task<bool> ConfirmEmailChangeAsync(string? userId, string? newEmail, string? code, CancellationToken ct = default)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(newEmail) || AccountLinks.Decode(code) is not { } token)
            throw new DomainException(LinkNotValid);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangeEmailAsync(user, newEmail, token);
        if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            throw new DomainException(LinkNotValid);
        Require(changed);
        Require(await users.SetUserNameAsync(user, newEmail));
        await db.Doctors.Where(d => d.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Email, newEmail), ct);
        await audit.RecordAccessAsync(AuditTrail.EmailChanged, user.Id, ct: ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join('\n', result.Errors.Select(e => e.Description)));
    }
}
