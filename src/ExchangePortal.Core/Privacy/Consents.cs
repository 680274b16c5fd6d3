using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

public sealed record ConsentRow(string NoticeVersion, bool Accepted, bool Programme, bool SensitiveData, bool OutsideMainland,
    DateTimeOffset At, DateTimeOffset? WithdrawnAt);

/// <summary>A person's decisions about the privacy notice: accept or decline its current version, withdraw consent.</summary>
public class Consents(PortalDbContext db, PrivacyNotice notice, ProgrammeClock clock, PublicLinks links)
{
    /// <summary>The refusal of new processing (a submission, an upload) without consent in force.</summary>
    public const string NotInForce = "You have withdrawn or declined your consent to the privacy notice, so the portal processes nothing new for you. To submit or upload, give your consent again on your privacy page.";

    /// <summary>The version the person last accepted or declined (null: never asked), kept in the sign-in cookie for the notice gate.</summary>
    public Task<string?> DecidedVersionAsync(string userId, CancellationToken ct = default) =>
        db.ConsentRecords.AsNoTracking().Where(c => c.UserId == userId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => c.NoticeVersion).FirstOrDefaultAsync(ct);

    /// <summary>Records consent to the current version: processing for the programme, sensitive data, provision outside the mainland.</summary>
    public async Task<bool> AcceptAsync(string userId, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return false;
        db.ConsentRecords.Add(ConsentRecord.Given(userId, notice.Current, clock.Now));
        db.AuditEntries.Add(Audit(userId, "consent.given"));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Records that the person declined the current version; nothing new is processed for them, and the programme office is told.</summary>
    public async Task<bool> DeclineAsync(string userId, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return false;
        db.ConsentRecords.Add(ConsentRecord.Declined(userId, notice.Current, clock.Now));
        db.AuditEntries.Add(Audit(userId, "consent.declined"));
        await TellProgrammeOfficeAsync(userId, withdrawn: false, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Withdraws the consent in force: nothing new is processed for the person, and the programme office is told.</summary>
    public async Task<bool> WithdrawAsync(string userId, CancellationToken ct = default)
    {
        var latest = await db.ConsentRecords.Where(c => c.UserId == userId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (latest is null)
            return await db.Users.AnyAsync(u => u.Id == userId, ct) ? throw new DomainException("There is no consent in force to withdraw.") : false;
        latest.Withdraw(clock.Now);
        db.AuditEntries.Add(Audit(userId, "consent.withdrawn"));
        await TellProgrammeOfficeAsync(userId, withdrawn: true, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private AuditEntry Audit(string userId, string action) => new(clock.Now, userId, action, nameof(PortalUser), userId,
        new() { ["NoticeVersion"] = new(null, notice.Current) }, [userId]);

    private async Task TellProgrammeOfficeAsync(string userId, bool withdrawn, CancellationToken ct)
    {
        var person = await db.Users.Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var current = ApplicationRules.From(ApplicationAction.Withdraw).Append(ApplicationStatus.InProgress).ToList();
        var open = await db.Applications.Where(a => a.Doctor.UserId == userId && current.Contains(a.Status))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var role = RoleConfiguration.RoleId(Roles.Administrator);
        var admins = await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
            .Select(u => new { Email = u.Email!, u.PreferredCulture }).ToListAsync(ct);
        var link = links.To($"/Admin/Users/Edit/{userId}");
        var applications = string.Join(", ", open.Select(id => $"#{id}"));
        foreach (var admin in admins)
            db.Notifications.Add(ApplicationEmails.IsChinese(admin.PreferredCulture)
                ? new Notification("consent.withdrawn", admin.Email, $"{person.DisplayName}{(withdrawn ? "撤回了" : "拒绝了")}对隐私声明的同意",
                    $"{person.DisplayName}（{person.Email}）{(withdrawn ? "撤回了" : "拒绝了")}对隐私声明（{notice.Current}版）的同意。平台不再为其处理新的数据：不能提交申请，也不能上传文件。\n\n"
                    + (open.Count > 0 ? $"进行中的申请：{applications}\n\n" : "") + $"账户：{link}\n\n学术交流平台", clock.Now)
                : new Notification("consent.withdrawn", admin.Email, $"{person.DisplayName} {(withdrawn ? "withdrew" : "declined")} consent to the privacy notice",
                    $"{person.DisplayName} ({person.Email}) {(withdrawn ? "withdrew" : "declined")} consent to the privacy notice (version {notice.Current}). The portal processes nothing new for them: no submission, no upload.\n\n"
                    + (open.Count > 0 ? $"Applications in progress: {applications}\n\n" : "") + $"Account: {link}\n\nExchange Portal", clock.Now));
    }
}

internal static class ConsentChecks
{
    /// <summary>Refuses new processing for a person whose latest decision is not a consent in force.</summary>
    public static async Task RequireConsentAsync(this PortalDbContext db, string userId, CancellationToken ct)
    {
        var inForce = await db.ConsentRecords.Where(c => c.UserId == userId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => c.Accepted && c.WithdrawnAt == null).FirstOrDefaultAsync(ct);
        if (!inForce)
            throw new DomainException(Consents.NotInForce);
    }
}
