using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record MyApplicationRow(int Id, string Cohort, ApplicationStatus Status, bool EndorsementRequired,
    DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? OfferRespondBy, string? FirstChoice)
{
    public (WaitingFor Who, string What) Next => NextStep.For(Status, EndorsementRequired);
}

public sealed record ApplicantOverview(string FullName, string Hospital, IReadOnlyList<MyApplicationRow> Applications);

public sealed record MyApplicationDetails(int Id, uint Version, ApplicationStatus Status, bool EndorsementRequired, int CohortId, string Cohort,
    DateOnly CohortClosesOn, DateOnly CohortEndsOn, string Plan, DateTimeOffset? OfferRespondBy, string? LatestComment, string?[] LabsByRank, PlacementRow? Placement,
    List<HistoryRow> History, List<DocumentRow> Documents)
{
    /// <summary>The labs chosen, first choice first (<see cref="LabsByRank"/>: the lab of rank 1, 2 and 3, or null).</summary>
    public IReadOnlyList<string> LabChoices { get; } = LabsByRank.OfType<string>().ToList();

    public (WaitingFor Who, string What) Next => NextStep.For(Status, EndorsementRequired);

    public bool Allows(ApplicationAction action) => ApplicationRules.Allows(action, Status, EndorsementRequired);

    /// <summary>What a draft still lacks before it can be submitted (empty once it is submitted).</summary>
    public IReadOnlyList<string> ToDo { get; init; } = [];

    /// <summary>The to-do item that asks for a confirmed address (the page offers a new confirmation email next to it).</summary>
    public static string ConfirmEmail => SubmissionRules.ConfirmEmail;
}

/// <summary>The applicant's own applications and what they do with them; every query is scoped to the signed-in doctor (nobody
/// else's application is ever in it), and every change returns false when the application is not the doctor's.</summary>
public class ApplicantApplications(PortalDbContext db, SeatDesk seats, ProgrammeClock clock, PublicLinks links)
{
    private sealed record Applicant(string FullName, string Hospital);

    // The applicant's home page is the most visited signed-in page: its two queries are compiled once.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<Applicant?>> ApplicantOf =
        EF.CompileAsyncQuery((PortalDbContext db, string userId, CancellationToken ct) => db.Doctors.AsNoTracking()
            .Where(d => d.UserId == userId)
            .Select(d => new Applicant(d.FullName, d.Hospital.Name))
            .SingleOrDefault());

    private static readonly Func<PortalDbContext, string, IAsyncEnumerable<MyApplicationRow>> ApplicationsOf =
        EF.CompileAsyncQuery((PortalDbContext db, string userId) => db.Applications.AsNoTracking()
            .Where(a => a.Doctor.UserId == userId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new MyApplicationRow(a.Id, a.Cohort.Name, a.Status, a.EndorsementRequired, a.SubmittedAt, a.UpdatedAt,
                a.OfferRespondBy, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault())));

    public async Task<ApplicantOverview?> GetOverviewAsync(string userId, CancellationToken ct = default)
    {
        var applicant = await ApplicantOf(db, userId, ct);
        if (applicant is null)
            return null;
        var rows = await ApplicationsOf(db, userId).ToListAsync(ct);
        return new ApplicantOverview(applicant.FullName, applicant.Hospital, rows);
    }

    public async Task<MyApplicationDetails?> GetAsync(int id, string userId, CancellationToken ct = default)
    {
        var details = await DetailsOf(db, id, userId, ct);
        if (details is null || details.Status != ApplicationStatus.Draft)
            return details;
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.User).SingleAsync(d => d.UserId == userId, ct);
        var cohort = await db.Cohorts.AsNoTracking().SingleAsync(c => c.Id == details.CohortId, ct);
        return details with
        {
            ToDo = SubmissionRules.Missing(doctor.MissingProfileFields(), details.Documents.Select(d => (d.Kind, d.ExpiresOn)).ToList(),
                details.LabChoices.Count, details.Plan, cohort.IsWindowOpen(clock.Today), cohort.EndsOn, doctor.User.EmailConfirmed),
        };
    }

    // Compiled once: the page's projection is large, and translating it on every request showed in the profile. One statement,
    // as on the coordinator's review page (ApplicationReview): the history and the documents joined, not read by statements of their own.
    private static readonly Func<PortalDbContext, int, string, CancellationToken, Task<MyApplicationDetails?>> DetailsOf =
        EF.CompileAsyncQuery((PortalDbContext db, int id, string userId, CancellationToken ct) => db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.Doctor.UserId == userId)
            .Select(a => new MyApplicationDetails(a.Id, a.Version, a.Status, a.EndorsementRequired, a.CohortId, a.Cohort.Name,
                a.Cohort.ApplicationClosesOn, a.Cohort.EndsOn, a.Plan, a.OfferRespondBy,
                a.History.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Select(h => h.Comment).FirstOrDefault(),
                // One column per rank (at most ExchangeApplication.MaxLabChoices) rather than a statement of their own.
                new[]
                {
                    a.LabChoices.Where(c => c.Rank == 1).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(),
                    a.LabChoices.Where(c => c.Rank == 2).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(),
                    a.LabChoices.Where(c => c.Rank == 3).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(),
                },
                a.Placement == null ? null : new PlacementRow(a.Placement.CohortLab.HostLab.Name, a.Placement.Supervisor,
                    a.Placement.StartsOn, a.Placement.EndsOn, a.Placement.ReleasedAt == null),
                a.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryRow(h.At, h.From, h.To, h.Actor != null ? h.Actor.DisplayName : h.ErasedActor ?? "Exchange Portal", h.Comment))
                    .ToList(),
                db.Documents.Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Kind)
                    .Select(d => new DocumentRow(d.Id, d.Kind, d.FileName, d.ContentType, d.SizeBytes, d.UploadedAt, d.ExpiresOn))
                    .ToList()))
            .SingleOrDefault());

    /// <summary>Sends the application back to the coordinator after the requested changes, with the revised plan.</summary>
    public Task<bool> ResubmitAsync(int id, uint version, string plan, string userId, CancellationToken ct = default) =>
        ChangeAsync(id, version, userId, async a =>
        {
            await db.RequireConsentAsync(userId, ct);
            a.EditPlan(plan, a.IntendedStartOn, a.IntendedEndOn, clock.Now);
            a.Resubmit(userId, clock.Now);
        }, ct);

    public Task<bool> AcceptOfferAsync(int id, uint version, string userId, CancellationToken ct = default) =>
        ChangeAsync(id, version, userId, a =>
        {
            a.AcceptOffer(userId, clock.Now);
            return Task.CompletedTask;
        }, ct);

    public Task<bool> DeclineOfferAsync(int id, uint version, string userId, CancellationToken ct = default) =>
        ReleasingSeatAsync(id, version, userId, a => a.DeclineOffer(userId, clock.Now), ct);

    public Task<bool> WithdrawAsync(int id, uint version, string userId, CancellationToken ct = default) =>
        ReleasingSeatAsync(id, version, userId, a => a.Withdraw(userId, clock.Now), ct);

    // A freed seat goes to the lab's waitlist in the same transaction, under the seat row's lock.
    private async Task<bool> ReleasingSeatAsync(int id, uint version, string userId, Action<ExchangeApplication> release, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var labId = await db.Placements.Where(p => p.ApplicationId == id && p.ReleasedAt == null && p.Application.Doctor.UserId == userId)
            .Select(p => (int?)p.CohortLabId).SingleOrDefaultAsync(ct);
        var lab = labId is { } heldLab ? await seats.LockAsync(heldLab, ct) : null;
        if (!await ChangeAsync(id, version, userId, async a =>
            {
                release(a);
                if (lab is not null)
                    await seats.OfferToWaitlistAsync(lab, clock.Now, ct);
            }, ct))
            return false;
        await transaction.CommitAsync(ct);
        return true;
    }

    private Task<bool> ChangeAsync(int id, uint version, string userId, Func<ExchangeApplication, Task> change, CancellationToken ct) =>
        ApplicationChanges.ApplyAsync(db, db.Applications.Where(a => a.Doctor.UserId == userId), id, version, deciderId: null, change, clock, links, ct);
}
