using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Cohorts;

/// <summary>What cancelling a cohort would do, for the confirm form.</summary>
public sealed record CohortCancellationPreview(int Id, string Name, CohortStatus Status, uint Version, bool CanCancel, int ToWithdraw,
    int ToCancel, int InProgress, int SeatsTaken, int FutureKeyDates);

/// <summary>
/// Cancelling a cohort, in one transaction: the cohort with its reason, every open application withdrawn (a confirmed stay
/// cancelled) with its history, every seat released, the cohort's future key dates off the calendars, an email to every
/// applicant and to their hospital's coordinators, all audited. Refused while a stay is in progress.
/// </summary>
public class CohortCancellation(PortalDbContext db, ProgrammeClock clock, PublicLinks links)
{
    public const string StayInProgress = "This cohort cannot be cancelled while a stay is in progress: complete or cancel those stays first.";

    /// <summary>Statuses cancelling reaches: everything not over yet (a stay in progress refuses the cancellation).</summary>
    private static readonly ApplicationStatus[] Open = Enum.GetValues<ApplicationStatus>()
        .Where(s => !s.IsFinal() && s != ApplicationStatus.InProgress).ToArray();

    private static readonly ApplicationStatus[] Cancelled = ApplicationRules.From(ApplicationAction.Cancel).ToArray();

    public async Task<CohortCancellationPreview?> PreviewAsync(int id, CancellationToken ct = default)
    {
        var today = clock.Today;
        return await db.Cohorts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CohortCancellationPreview(c.Id, c.Name, c.Status, c.Version, false,
                db.Applications.Count(a => a.CohortId == c.Id && Open.Contains(a.Status) && !Cancelled.Contains(a.Status)),
                db.Applications.Count(a => a.CohortId == c.Id && Open.Contains(a.Status) && Cancelled.Contains(a.Status)),
                db.Applications.Count(a => a.CohortId == c.Id && a.Status == ApplicationStatus.InProgress),
                c.Labs.Sum(l => l.SeatsTaken),
                db.Milestones.Count(m => m.CohortId == c.Id && m.Source != MilestoneSource.Manual && m.DueOn >= today
                    && MilestoneRules.OpenStatuses.Contains(m.Status))))
            .SingleOrDefaultAsync(ct) is { } p
            ? p with { CanCancel = CohortRules.CanTake(CohortAction.Cancel, p.Status) && p.InProgress == 0 }
            : null;
    }

    /// <returns>false when there is no such cohort.</returns>
    public async Task<bool> CancelAsync(int id, uint version, string reason, string actorId, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The cohort and its seat rows are locked first, as an approval locks its seat, so nothing is offered meanwhile.
        var cohort = await db.Cohorts.FromSql($"""SELECT *, xmin FROM "Cohorts" WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(ct);
        if (cohort is null)
            return false;
        if (cohort.Version != version)
            throw new DomainException(CohortAdministration.ChangedMeanwhile);
        var labs = await db.CohortLabs.FromSql($"""SELECT *, xmin FROM "CohortLabs" WHERE "CohortId" = {id} ORDER BY "Id" FOR UPDATE""").ToListAsync(ct);
        if (await db.Applications.AnyAsync(a => a.CohortId == id && a.Status == ApplicationStatus.InProgress, ct))
            throw new DomainException(StayInProgress);
        var statusBefore = cohort.Status;
        cohort.Cancel(reason, now);

        var applications = await db.Applications.Where(a => a.CohortId == id && Open.Contains(a.Status))
            .Include(a => a.Doctor).ThenInclude(d => d.User).Include(a => a.Placement)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var seatsBefore = labs.Sum(l => l.SeatsTaken);
        var comment = Cut($"The cohort was cancelled: {cohort.CancellationReason}", 4000);
        foreach (var application in applications)
        {
            var before = application.Status;
            if (Cancelled.Contains(before))
                application.Cancel(comment, actorId, now);
            else
                application.Withdraw(actorId, now, comment);
            db.AuditEntries.Add(new AuditEntry(now, actorId, "application.status", nameof(ExchangeApplication), application.Id.ToString(),
                new() { [nameof(ExchangeApplication.Status)] = new FieldChange(before.ToString(), application.Status.ToString()) }));
            db.Notifications.Add(CohortCancellationEmails.ToApplicant(cohort, application, links, now));
        }
        foreach (var (coordinator, doctors) in await HospitalCoordinatorsAsync(applications, now, ct))
            db.Notifications.Add(CohortCancellationEmails.ToHospitalCoordinator(cohort, coordinator, doctors, links, now));

        var today = clock.Today;
        var keyDates = await db.Milestones
            .Where(m => m.CohortId == id && m.Source != MilestoneSource.Manual && m.DueOn >= today && MilestoneRules.OpenStatuses.Contains(m.Status))
            .ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(new AuditEntry(now, actorId, "exchangeCohort.cancelled", nameof(ExchangeCohort), id.ToString(), new()
        {
            [nameof(ExchangeCohort.Status)] = new FieldChange(statusBefore.ToString(), cohort.Status.ToString()),
            [nameof(ExchangeCohort.CancellationReason)] = new FieldChange(null, cohort.CancellationReason),
            ["Applications"] = new FieldChange(null, applications.Count.ToString()),
            ["SeatsReleased"] = new FieldChange(null, (seatsBefore - labs.Sum(l => l.SeatsTaken)).ToString()),
            ["KeyDatesRemoved"] = new FieldChange(null, keyDates.ToString()),
        }, applications.Select(a => a.Doctor.UserId)));
        await db.SaveOrRefuseAsync(CohortAdministration.ChangedMeanwhile, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<List<(ReminderRecipient Coordinator, List<string> Doctors)>> HospitalCoordinatorsAsync(
        List<ExchangeApplication> applications, DateTimeOffset now, CancellationToken ct)
    {
        var hospitals = applications.Select(a => a.Doctor.HospitalId).Distinct().ToList();
        if (hospitals.Count == 0)
            return [];
        var role = RoleConfiguration.RoleId(Roles.HospitalCoordinator);
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.HospitalId != null && hospitals.Contains(u.HospitalId.Value) && u.Email != null)
            .Where(u => u.LockoutEnd == null || u.LockoutEnd <= now)
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role))
            .OrderBy(u => u.Id)
            .Select(u => new { HospitalId = u.HospitalId!.Value, u.Id, u.DisplayName, Email = u.Email!, u.PreferredCulture })
            .ToListAsync(ct);
        return coordinators.Select(c => (new ReminderRecipient(c.Id, c.DisplayName, c.Email, c.PreferredCulture),
                applications.Where(a => a.Doctor.HospitalId == c.HospitalId).Select(a => a.Doctor.FullName).Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
