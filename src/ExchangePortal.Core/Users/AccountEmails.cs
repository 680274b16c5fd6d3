using System.Globalization;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Core.Users;

/// <summary>
/// The account emails, in the user's language (English or Simplified Chinese), each with its single-use link, written to
/// the outbox (so they are sent with retries like every other email).
/// </summary>
public class AccountEmails(PortalDbContext db, AccountLinks links, ProgrammeClock clock)
{
    public async Task SendConfirmationAsync(PortalUser user, CancellationToken ct = default) =>
        await QueueAsync(Compose("account.confirm-email", user, user.Email!, await links.ConfirmEmailAsync(user)), ct);

    public async Task SendPasswordResetAsync(PortalUser user, CancellationToken ct = default) =>
        await QueueAsync(Compose("account.reset-password", user, user.Email!, await links.ResetPasswordAsync(user)), ct);

    /// <summary>Sent to the new address: following the link proves it and makes it the account's.</summary>
    public async Task SendEmailChangeAsync(PortalUser user, string newEmail, CancellationToken ct = default) =>
        await QueueAsync(Compose("account.change-email", user, newEmail, await links.ChangeEmailAsync(user, newEmail)), ct);

    /// <summary>A first password for an account someone else made (the first administrator, later invitations); returns the link.</summary>
    public async Task<string> SendSetPasswordAsync(PortalUser user, CancellationToken ct = default)
    {
        var link = await links.SetPasswordAsync(user);
        await QueueAsync(Compose("account.set-password", user, user.Email!, link), ct);
        return link;
    }

    /// <summary>An invitation: the first-password link, with who invited the person and as what; returns the link.</summary>
    public async Task<string> SendInvitationAsync(PortalUser user, string inviter, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var link = await links.SetPasswordAsync(user);
        var zh = Applications.ApplicationEmails.IsChinese(user.PreferredCulture ?? CultureInfo.CurrentUICulture.Name);
        var what = string.Join(zh ? "、" : " and ", roles.Order().Select(r => RoleInWords(r, zh)));
        var invitation = zh
            ? ($"{inviter}邀请您加入学术交流平台", $"{inviter}已邀请您以{what}身份使用学术交流平台，并为您创建了账户。请在此设置密码以接受邀请（这也会确认您的电子邮件地址）：",
                "此链接只能使用一次，三天内有效。过期后，请在平台的“忘记密码”页面申请新链接，或请邀请人重新发送邀请。")
            : ($"{inviter} invites you to the Exchange Portal", $"{inviter} has made you an account on the Exchange Portal as {what}. Choose your password here to accept the invitation (this also confirms your email address):",
                "The link works once, for three days. When it has expired, ask for a new one on the portal's \"Forgot your password?\" page, or ask the person who invited you to send the invitation again.");
        await QueueAsync(Compose("account.invitation", user, user.Email!, link, invitation), ct);
        return link;
    }

    private static string RoleInWords(string role, bool zh) => (role, zh) switch
    {
        (Roles.Administrator, false) => "an administrator",
        (Roles.Administrator, true) => "管理员",
        (Roles.UniversityCoordinator, false) => "a university coordinator",
        (Roles.UniversityCoordinator, true) => "大学协调员",
        (Roles.HospitalCoordinator, false) => "a hospital coordinator",
        (Roles.HospitalCoordinator, true) => "医院协调员",
        (_, false) => "an applicant",
        (_, true) => "申请人",
    };

    private async Task QueueAsync(Notification email, CancellationToken ct)
    {
        db.Notifications.Add(email);
        await db.SaveChangesAsync(ct);
    }

    private Notification Compose(string kind, PortalUser user, string to, string link, (string, string, string)? text = null)
    {
        // The account's language, else the one the page is shown in (a forgotten password is asked for signed out).
        var zh = Applications.ApplicationEmails.IsChinese(user.PreferredCulture ?? CultureInfo.CurrentUICulture.Name);
        var named = !string.IsNullOrWhiteSpace(user.DisplayName);
        var (subject, lead, expires) = text ?? (kind, zh) switch
        {
            ("account.confirm-email", false) => ("Confirm your email address", "Please confirm that this is your email address for the Exchange Portal:", "The link works once, for one day."),
            ("account.confirm-email", true) => ("请确认您的电子邮件地址", "请确认这是您在学术交流平台使用的电子邮件地址：", "此链接只能使用一次，一天内有效。"),
            ("account.reset-password", false) => ("Reset your password", "Someone (we hope you) asked to reset the password of your Exchange Portal account. Choose a new password here:", "The link works once, for one day. If you did not ask for it, ignore this email: your password stays as it is."),
            ("account.reset-password", true) => ("重设您的密码", "有人（希望是您本人）申请重设您在学术交流平台的账户密码。请在此设置新密码：", "此链接只能使用一次，一天内有效。如果您没有提出申请，请忽略此邮件，您的密码不会改变。"),
            ("account.change-email", false) => ("Confirm your new email address", "You asked to use this address for your Exchange Portal account. Confirm it here:", "The link works once, for one day. Until then your account keeps its old address."),
            ("account.change-email", true) => ("请确认您的新电子邮件地址", "您申请将此地址用于您的学术交流平台账户。请在此确认：", "此链接只能使用一次，一天内有效。确认之前，您的账户仍使用原地址。"),
            (_, false) => ("Choose your password for the Exchange Portal", "An account on the Exchange Portal has been made for you. Choose your password here to start using it:", "The link works once, for three days."),
            (_, true) => ("设置您在学术交流平台的密码", "我们已为您在学术交流平台创建了账户。请在此设置密码后开始使用：", "此链接只能使用一次，三天内有效。"),
        };
        var body = zh
            ? (named ? $"{user.DisplayName}，您好：" : "您好：") + $"\n\n{lead}\n\n{link}\n\n{expires}\n\n学术交流平台"
            : (named ? $"Dear {user.DisplayName}," : "Hello,") + $"\n\n{lead}\n\n{link}\n\n{expires}\n\nExchange Portal";
        return new Notification(kind, to, subject, body, clock.Now);
    }
}
