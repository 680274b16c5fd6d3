using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

/// <summary>The university coordinators' decisions on an application; each recorded, each emailing the applicant through the outbox.
/// Each returns false when there is no such application.</summary>
public class CoordinatorApplications(PortalDbContext db, SeatDesk seats, ProgrammeClock clock, PublicLinks links)
{
    public Task<bool> StartReviewAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.StartReview(actorId, clock.Now), ct);

    public Task<bool> RequestChangesAsync(int id, uint version, string comment, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.RequestChanges(comment, actorId, clock.Now), ct);

    public Task<bool> RejectAsync(int id, uint version, string reason, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.Reject(reason, actorId, clock.Now), ct);

    public Task<bool> MarkArrivedAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, a => a.MarkArrived(actorId, clock.Now), ct);

    public Task<bool> CompleteAsync(int id, uint version, string actorId, CancellationToken ct = default) =>
        DecideAsync(id, version, actorId, async a =>
        {
            var reportFiled = await db.Documents.AnyAsync(d => d.ApplicationId == a.Id && d.Kind == Documents.DocumentKind.EndOfStayReport, ct);
            a.Complete(reportFiled, actorId, clock.Now);
        }, ct);

    /// <summary>Offers a seat in the lab: the seat row is locked first, so two approvals of the last seat cannot both win.</summary>
    public async Task<bool> ApproveAsync(int id, uint version, int cohortLabId, string supervisor, DateOnly startsOn, DateOnly endsOn,
        DateOnly respondBy, string actorId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lab = await seats.LockAsync(cohortLabId, ct) ?? throw new DomainException("Choose one of the cohort's labs.");
        if (!await DecideAsync(id, version, actorId, a => a.Approve(lab, supervisor, startsOn, endsOn, clock.EndOfDay(respondBy), actorId, clock.Now), ct))
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
