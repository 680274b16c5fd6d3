using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Stays;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>The university coordinators' decisions on an application; each recorded, each emailing the applicant through the outbox.
/// Each returns false when there is no such application.</summary>
public class CoordinatorApplications(PortalDbContext db, SeatDesk seats, StayCertificates certificates, ProgrammeClock clock, PublicLinks links)
{
    public Task<bool> StartReviewAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.StartReview(actorId, clock.Now), ct);

    public Task<bool> RequestChangesAsync(int id, uint version, string comment, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.RequestChanges(comment, actorId, clock.Now), ct);

    public Task<bool> RejectAsync(int id, uint version, string reason, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.Reject(reason, actorId, clock.Now), ct);

    /// <summary>Records the arrival and sends the supervisor (when their address is known) the link to evaluate the stay.</summary>
    public Task<bool> MarkArrivedAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a =>
        {
            a.MarkArrived(actorId, clock.Now);
            AskForEvaluation(a, "arrived");
        }, ct);

    /// <summary>Completes the stay once the doctor's end-of-stay report form is in, and issues the certificate with it.</summary>
    public Task<bool> CompleteAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, async a =>
        {
            var reportFiled = await db.StayReports.AnyAsync(r => r.ApplicationId == a.Id, ct);
            a.Complete(reportFiled, actorId, clock.Now);
            await certificates.IssueAsync(a, ct);
        }, ct);

    /// <summary>Names the placement's supervisor and their email; during the stay, a new address gets an evaluation link at once
    /// (unless the evaluation is in).</summary>
    /// <returns>false when there is no such application with a placement.</returns>
    public async Task<bool> NameSupervisorAsync(int id, uint version, string name, string? email, string actorId, CancellationToken ct = default)
    {
        var application = await db.Applications.AsTracking().Include(a => a.Doctor).Include(a => a.Placement).ThenInclude(p => p!.CohortLab)
            .ThenInclude(l => l.HostLab).SingleOrDefaultAsync(a => a.Id == id && a.Placement != null, ct);
        if (application is null)
            return false;
        if (application.Version != version)
            throw new DomainException(ApplicationChanges.ChangedMeanwhile);
        if (application.Doctor.UserId == actorId)
            throw new DomainException(ApplicationChanges.OwnApplication);
        if (!ApplicationRules.Allows(ApplicationAction.NameSupervisor, application.Status))
            throw new DomainException($"The supervisor can be changed only while the placement is offered, confirmed or in progress; this application is {application.Status.Describe()}.");
        var placement = application.Placement!;
        var before = (placement.Supervisor, placement.SupervisorEmail);
        if (placement.NameSupervisor(name, email) && application.Status == ApplicationStatus.InProgress
            && !await db.SupervisorEvaluations.AnyAsync(e => e.ApplicationId == id, ct))
            AskForEvaluation(application, "supervisor-changed");
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "placement.supervisor", nameof(ExchangeApplication), id.ToString(), new()
        {
            [nameof(Placement.Supervisor)] = new FieldChange(before.Supervisor, placement.Supervisor),
            [nameof(Placement.SupervisorEmail)] = new FieldChange(before.SupervisorEmail, placement.SupervisorEmail),
        }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void AskForEvaluation(ExchangeApplication a, string kind)
    {
        if (a.Placement is { SupervisorEmail: { } email } p)
            db.Notifications.Add(EvaluationRequests.Add(db, new EvaluationStay(a.Id, p.Supervisor, email, a.Doctor.FullName,
                p.CohortLab.HostLab.Name, p.StartsOn, p.EndsOn), kind, links, clock.Now));
    }

    /// <summary>Offers a seat in the lab: the seat row is locked first, so two approvals of the last seat cannot both win.</summary>
    public async Task<bool> ApproveAsync(int id, uint version, int cohortLabId, string supervisor, string? supervisorEmail,
        DateOnly startsOn, DateOnly endsOn, DateOnly respondBy, string actorId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lab = await seats.LockAsync(cohortLabId, ct) ?? throw new DomainException("Choose one of the cohort's labs.");
        if (!await DecideAsync(id, version, actorId, a => a.Approve(lab, supervisor, startsOn, endsOn, clock.EndOfDay(respondBy), actorId, clock.Now)
            .NameSupervisor(supervisor, supervisorEmail), ct))
            return false;
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> WaitlistAsync(int id, uint version, int cohortLabId, string actorId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lab = await seats.LockAsync(cohortLabId, ct) ?? throw new DomainException("Choose one of the cohort's labs.");
        if (!await DecideAsync(id, version, actorId, a => a.Waitlist(lab, actorId, clock.Now), ct))
            return false;
        await transaction.CommitAsync(ct);
        return true;
    }

    private Task<bool> DecideAsync(int id, uint version, string actorId, Action<ExchangeApplication> decide, CancellationToken ct) =>
        DecideAsync(id, version, actorId, a =>
        {
            decide(a);
            return Task.CompletedTask;
        }, ct);

    // The coordinator deciding is refused on their own application (separation of duties).
    private Task<bool> DecideAsync(int id, uint version, string actorId, Func<ExchangeApplication, Task> decide, CancellationToken ct) =>
        ApplicationChanges.ApplyAsync(db, db.Applications, id, version, actorId, decide, clock, links, ct);
}
