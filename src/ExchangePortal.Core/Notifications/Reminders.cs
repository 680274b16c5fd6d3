using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Stays;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExchangePortal.Core.Notifications;

internal sealed record MilestoneReminder(int MilestoneId, int AgreementId, string Title, string Agreement, DateOnly DueOn,
    MilestoneStatus Status, string OwnerId, string OwnerName, string OwnerEmail, string? OwnerCulture);

internal sealed record DocumentReminder(Guid DocumentId, DocumentKind Kind, DateOnly ExpiresOn, int ApplicationId, string Cohort,
    DateOnly StayEndsOn, int HospitalId, string DoctorUserId, string DoctorName, string DoctorEmail, string? DoctorCulture);

internal sealed record AgreementReminder(int AgreementId, string Title, string University, string Hospital, DateOnly EndsOn);

internal sealed record ReminderRecipient(string UserId, string Name, string Email, string? Culture);

/// <summary>
/// The daily reminders: milestone owners 14 days and 1 day before a due date and once it is overdue; applicants and their
/// hospital's coordinators 60, 30 and 7 days before a document expires within the stay; administrators 180, 90 and 30
/// days before an active agreement ends (an agreement has no owner of its own); a stay's supervisor 7 days before it ends and
/// weekly for four weeks after, until the evaluation is in (each email a new link). Each reminder is queued once, by
/// a unique key inserted in the same transaction as its outbox email, so reruns and several instances send nothing twice.
/// </summary>
public class Reminders(PortalDbContext db, ProgrammeClock clock, PublicLinks links, ILogger<Reminders> logger)
{
    private static readonly ApplicationStatus[] InStay = [ApplicationStatus.Confirmed, ApplicationStatus.InProgress];

    /// <summary>
    /// The reminder a milestone is owed with this many days left: a window stays open until the next one opens, so a
    /// day the job did not run is caught up ("due-14" still goes out at 13 days left), and only the latest window's.
    /// </summary>
    public static string? MilestoneWindow(int daysLeft) => daysLeft switch
    {
        < 0 => "overdue",
        <= 1 => "due-1",
        <= 14 => "due-14",
        _ => null,
    };

    /// <summary>The reminder (60, 30 or 7 days) a document expiring in this many days is owed; none once it has expired.</summary>
    public static int? DocumentWindow(int daysLeft) => daysLeft switch
    {
        < 0 => null,
        <= 7 => 7,
        <= 30 => 30,
        <= 60 => 60,
        _ => null,
    };

    /// <summary>The evaluation reminder a stay ending in this many days is owed: "ends-7" in its last week, then
    /// "after-7" … "after-28" each week after its end; none before or later.</summary>
    public static string? EvaluationWindow(int daysLeft) => daysLeft switch
    {
        > 7 => null,
        >= 0 => "ends-7",
        >= -EvaluationChaseDays => $"after-{(-daysLeft + 6) / 7 * 7}",
        _ => null,
    };

    private const int EvaluationChaseDays = 28;

    /// <summary>The clearance reminder (30 or 7 days before arrival) a missing or returned item is owed; none after arrival.</summary>
    public static int? ClearanceWindow(int daysToArrival) => daysToArrival switch
    {
        < 0 => null,
        <= 7 => 7,
        <= 30 => 30,
        _ => null,
    };

    /// <summary>Runs the reminders once the programme's clock has reached the given hour of the day; returns how many were queued.</summary>
    public async Task<int> RunDailyAsync(int hour, CancellationToken ct = default) =>
        clock.ToLocal(clock.Now).Hour >= hour ? await SendDueAsync(ct) : 0;

    /// <summary>Queues every reminder due today that has not been queued yet; returns how many were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var now = clock.Now;
        var due = new List<(string Key, Func<Notification> Email)>();
        foreach (var m in await MilestonesAsync(today, now, ct))
        {
            var daysLeft = m.DueOn.DayNumber - today.DayNumber;
            if (MilestoneWindow(daysLeft) is { } window)
                due.Add(($"milestone:{m.MilestoneId}:{window}:{m.DueOn:yyyy-MM-dd}:{m.OwnerId}", () => ReminderEmails.Milestone(m, window, daysLeft, links, now)));
        }
        var documents = await DocumentsAsync(today, ct);
        var coordinators = await CoordinatorsAsync(documents.Select(d => d.HospitalId).Distinct().ToList(), now, ct);
        foreach (var d in documents)
        {
            var daysLeft = d.ExpiresOn.DayNumber - today.DayNumber;
            if (DocumentWindow(daysLeft) is not { } window)
                continue;
            var key = $"document:{d.DocumentId}:expires-{window}:{d.ExpiresOn:yyyy-MM-dd}";
            due.Add(($"{key}:{d.DoctorUserId}", () => ReminderEmails.DocumentToApplicant(d, window, daysLeft, links, now)));
            foreach (var coordinator in coordinators.Where(c => c.HospitalId == d.HospitalId))
                due.Add(($"{key}:{coordinator.Recipient.UserId}", () => ReminderEmails.DocumentToCoordinator(d, coordinator.Recipient, window, daysLeft, links, now)));
        }
        var agreements = await AgreementsAsync(today, ct);
        List<ReminderRecipient> administrators = agreements.Count == 0 ? [] : await AdministratorsAsync(now, ct);
        foreach (var a in agreements)
        {
            var daysLeft = a.EndsOn.DayNumber - today.DayNumber;
            if (AgreementRules.ReminderWindow(daysLeft) is not { } window)
                continue;
            foreach (var administrator in administrators)
                due.Add(($"agreement:{a.AgreementId}:ends-{window}:{a.EndsOn:yyyy-MM-dd}:{administrator.UserId}",
                    () => ReminderEmails.AgreementEnding(a, administrator, window, daysLeft, links, now)));
        }
        foreach (var stay in await UnevaluatedStaysAsync(today, ct))
        {
            if (EvaluationWindow(stay.EndsOn.DayNumber - today.DayNumber) is not { } window)
                continue;
            // The address is hashed into the key: a corrected address is reminded afresh, and keys stay short.
            var address = EvaluationRequests.Hash(stay.SupervisorEmail.ToLowerInvariant())[..16];
            due.Add(($"evaluation:{stay.ApplicationId}:{window}:{stay.EndsOn:yyyy-MM-dd}:{address}",
                () => EvaluationRequests.Add(db, stay, $"reminder.{window}", links, now)));
        }
        foreach (var o in await OffersLapsingAsync(today, now, ct))
            due.Add(($"offer:{o.ApplicationId}:lapses-{o.Window}:{o.RespondBy:yyyy-MM-dd}:{o.DoctorUserId}", () => OfferReminderEmails.Lapsing(o, links, now)));
        foreach (var r in await ClearanceAsync(today, ct))
            if (ClearanceWindow(r.ArrivesOn.DayNumber - today.DayNumber) is { } window)
                due.Add(($"clearance:{r.ApplicationId}:{r.Item.Kind}:arrives-{window}:{r.ArrivesOn:yyyy-MM-dd}", () => ClearanceEmails.Reminder(r, window, links, now)));
        if (due.Count == 0)
            return 0;

        var keys = due.Select(r => r.Key).ToList();
        var queuedBefore = (await db.SentReminders.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var (key, email) in due.Where(r => !queuedBefore.Contains(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (await QueueOnceAsync(key, email, now, ct))
                queued++;
        }
        if (queued > 0)
            logger.LogInformation("Reminders: {Queued} queued", queued);
        return queued;
    }

    /// <summary>
    /// The key and the email in one transaction. Another instance inserting the same key waits on the unique index until
    /// this one commits, then inserts nothing, so it queues no email; if this one rolls back, the other one queues it.
    /// </summary>
    private async Task<bool> QueueOnceAsync(string key, Func<Notification> email, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "SentReminders" ("Key", "QueuedAt") VALUES ({key}, {now}) ON CONFLICT ("Key") DO NOTHING""", ct);
        if (inserted == 1)
        {
            db.Notifications.Add(email());
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return inserted == 1;
    }

    private async Task<List<MilestoneReminder>> MilestonesAsync(DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = today.AddDays(14);
        return await db.Milestones.AsNoTracking()
            .Where(m => MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn <= horizon)
            .Where(m => m.Owner != null && m.Owner.Email != null && (m.Owner.LockoutEnd == null || m.Owner.LockoutEnd <= now))
            .OrderBy(m => m.Id)
            .Select(m => new MilestoneReminder(m.Id, m.AgreementId, m.Title, m.Agreement.Title, m.DueOn, m.Status,
                m.OwnerId!, m.Owner!.DisplayName, m.Owner.Email!, m.Owner.PreferredCulture))
            .ToListAsync(ct);
    }

    /// <summary>Documents of confirmed and running stays that expire before the stay ends, within 60 days, and not renewed by a later one.</summary>
    private async Task<List<DocumentReminder>> DocumentsAsync(DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(60);
        return await db.Documents.AsNoTracking()
            .Where(d => d.ExpiresOn != null && d.ExpiresOn >= today && d.ExpiresOn <= horizon)
            .Where(d => d.Application != null && InStay.Contains(d.Application.Status))
            .Where(d => d.ExpiresOn < (d.Application!.Placement != null ? d.Application.Placement.EndsOn : d.Application.Cohort.EndsOn))
            .Where(d => !db.Documents.Any(o => o.ApplicationId == d.ApplicationId && o.Kind == d.Kind && o.ExpiresOn > d.ExpiresOn))
            .OrderBy(d => d.ExpiresOn).ThenBy(d => d.Id)
            .Select(d => new DocumentReminder(d.Id, d.Kind, d.ExpiresOn!.Value, d.ApplicationId!.Value, d.Application!.Cohort.Name,
                d.Application.Placement != null ? d.Application.Placement.EndsOn : d.Application.Cohort.EndsOn,
                d.Application.Doctor.HospitalId, d.Application.Doctor.UserId, d.Application.Doctor.FullName, d.Application.Doctor.Email,
                d.Application.Doctor.User.PreferredCulture))
            .ToListAsync(ct);
    }

    /// <summary>The reminder (3 or 1 days) an offer lapsing after this many days is owed: it lapses once its respond-by day
    /// is over (<see cref="OfferLapses"/>), so "1" is the day before its last day.</summary>
    public static int? OfferWindow(int daysLeft) => daysLeft switch
    {
        < 0 => null,
        <= 1 => 1,
        <= 3 => 3,
        _ => null,
    };

    /// <summary>Offers not answered yet whose respond-by day is within 3 days, with the window each is owed.</summary>
    private async Task<List<OfferReminder>> OffersLapsingAsync(DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var until = clock.EndOfDay(today.AddDays(3));
        var offers = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Offered && a.OfferRespondBy >= now && a.OfferRespondBy <= until)
            .OrderBy(a => a.Id)
            .Select(a => new OfferReminder(a.Id, a.Cohort.Name, a.Placement != null ? a.Placement.CohortLab.HostLab.Name : "", a.OfferRespondBy!.Value,
                DateOnly.MinValue, 0, a.Doctor.UserId, a.Doctor.FullName, a.Doctor.Email, a.Doctor.User.PreferredCulture))
            .ToListAsync(ct);
        return offers.Select(o => o with { RespondBy = DateOnly.FromDateTime(clock.ToLocal(o.Deadline).DateTime) })
            .Select(o => o with { Window = OfferWindow(o.RespondBy.DayNumber - today.DayNumber) ?? 0 })
            .Where(o => o.Window > 0)
            .ToList();
    }

    /// <summary>The required pre-arrival items still missing or returned of confirmed doctors arriving within 30 days (<see cref="ClearanceRules"/>).</summary>
    private async Task<List<ClearanceReminder>> ClearanceAsync(DateOnly today, CancellationToken ct)
    {
        var (horizon, kinds) = (today.AddDays(30), ClearanceRules.PreArrivalKinds);
        var arriving = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Confirmed && a.Placement != null && a.Placement.StartsOn >= today && a.Placement.StartsOn <= horizon)
            .Select(a => new
            {
                a.Id,
                Cohort = a.Cohort.Name,
                a.Placement!.StartsOn,
                a.Placement.EndsOn,
                a.Doctor.UserId,
                a.Doctor.FullName,
                a.Doctor.Email,
                a.Doctor.User.PreferredCulture,
                Required = a.Cohort.ClearanceItems.Select(i => i.Kind).ToList(),
                Documents = db.Documents.Where(d => d.ApplicationId == a.Id && kinds.Contains(d.Kind))
                    .Select(d => new ClearanceDocument(d.Id, d.Kind, d.Verification, d.ExpiresOn, d.UploadedAt, d.ReturnReason)).ToList(),
            })
            .AsSplitQuery().ToListAsync(ct);
        return arriving.SelectMany(a => ClearanceRules.StatesOf(a.Required, a.Documents, a.EndsOn)
                .Where(i => i.State is ClearanceState.Missing or ClearanceState.Returned)
                .Select(i => new ClearanceReminder(a.Id, a.Cohort, a.StartsOn, a.UserId, a.FullName, a.Email, a.PreferredCulture, i)))
            .ToList();
    }

    /// <summary>Running and completed stays with a supervisor's address and no evaluation yet, ending within the reminder windows.</summary>
    private Task<List<EvaluationStay>> UnevaluatedStaysAsync(DateOnly today, CancellationToken ct)
    {
        var (from, to) = (today.AddDays(-EvaluationChaseDays), today.AddDays(7));
        return db.Placements.AsNoTracking()
            .Where(p => p.SupervisorEmail != null && p.EndsOn >= from && p.EndsOn <= to && p.ReleasedAt == null)
            .Where(p => p.Application.Status == ApplicationStatus.InProgress || p.Application.Status == ApplicationStatus.Completed)
            .Where(p => !db.SupervisorEvaluations.Any(e => e.ApplicationId == p.ApplicationId))
            .OrderBy(p => p.ApplicationId)
            .Select(p => new EvaluationStay(p.ApplicationId, p.Supervisor, p.SupervisorEmail!, p.Application.Doctor.FullName,
                p.CohortLab.HostLab.Name, p.StartsOn, p.EndsOn))
            .ToListAsync(ct);
    }

    private Task<List<AgreementReminder>> AgreementsAsync(DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(AgreementRules.RenewalHorizonDays);
        return db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.EffectiveTo >= today && a.EffectiveTo <= horizon)
            .OrderBy(a => a.EffectiveTo).ThenBy(a => a.Id)
            .Select(a => new AgreementReminder(a.Id, a.Title, a.University.Name, a.Hospital.Name, a.EffectiveTo))
            .ToListAsync(ct);
    }

    private Task<List<ReminderRecipient>> AdministratorsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var role = RoleConfiguration.RoleId(Roles.Administrator);
        return db.Users.AsNoTracking()
            .Where(u => u.Email != null && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
            .OrderBy(u => u.Id)
            .Select(u => new ReminderRecipient(u.Id, u.DisplayName, u.Email!, u.PreferredCulture))
            .ToListAsync(ct);
    }

    private async Task<List<(int HospitalId, ReminderRecipient Recipient)>> CoordinatorsAsync(List<int> hospitalIds, DateTimeOffset now,
        CancellationToken ct)
    {
        if (hospitalIds.Count == 0)
            return [];
        var role = RoleConfiguration.RoleId(Roles.HospitalCoordinator);
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.HospitalId != null && hospitalIds.Contains(u.HospitalId.Value) && u.Email != null)
            .Where(u => u.LockoutEnd == null || u.LockoutEnd <= now)
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
            .OrderBy(u => u.Id)
            .Select(u => new { HospitalId = u.HospitalId!.Value, u.Id, u.DisplayName, Email = u.Email!, u.PreferredCulture })
            .ToListAsync(ct);
        return rows.Select(u => (u.HospitalId, new ReminderRecipient(u.Id, u.DisplayName, u.Email, u.PreferredCulture))).ToList();
    }
}
