using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public sealed record ApplicantProfile(string FullName, string? ChineseName, string Title, string Department, string Specialty,
    int YearsOfPractice, string LicenceNumber, string Email, string Phone, string Languages, string Bio, string Hospital);

public sealed record LabChoiceSeats(int CohortLabId, string Lab, string Department, int Seats, int SeatsTaken, int? Rank)
{
    public int SeatsFree => Seats - SeatsTaken;
}

public sealed record DocumentRow(Guid Id, DocumentKind Kind, string FileName, string ContentType, long SizeBytes,
    DateTimeOffset UploadedAt, DateOnly? ExpiresOn);

public sealed record HistoryRow(DateTimeOffset At, ApplicationStatus? From, ApplicationStatus To, string Actor, string? Comment);

public sealed record PlacementRow(string Lab, string Supervisor, DateOnly StartsOn, DateOnly EndsOn, bool HoldsSeat);

/// <summary>One lab of a cohort and its seats: the same for every application of the cohort.</summary>
public sealed record CohortLabSeats(int CohortLabId, string Lab, string Department, int Seats, int SeatsTaken);

public sealed record ReviewDetails(int Id, uint Version, ApplicationStatus Status, bool EndorsementRequired, int CohortId, string Cohort,
    DateOnly CohortStartsOn, DateOnly CohortEndsOn, ApplicantProfile Applicant, string Plan, DateOnly? IntendedStartOn,
    DateOnly? IntendedEndOn, DateTimeOffset? SubmittedAt, DateTimeOffset? OfferRespondBy, string? WaitlistedFor,
    int?[] ChosenLabIds, List<DocumentRow> Documents, List<HistoryRow> History, PlacementRow? Placement, string ApplicantUserId)
{
    /// <summary>The cohort's labs with their seats, and the applicant's rank for each lab chosen (set by <see cref="ApplicationReview"/>
    /// from <see cref="ChosenLabIds"/>: the lab chosen first, second and third, or null).</summary>
    public IReadOnlyList<LabChoiceSeats> Labs { get; init; } = [];

    public bool Allows(ApplicationAction action) => ApplicationRules.Allows(action, Status, EndorsementRequired);

    /// <summary>Whether <paramref name="userId"/> is the applicant, who never decides on it (separation of duties).</summary>
    public bool IsOwnApplicationOf(string userId) => ApplicantUserId == userId;
}

/// <summary>What a university coordinator reads about one application, and its documents (every view audited).</summary>
public class ApplicationReview(PortalDbContext db, SharedReads shared, ProgrammeClock clock)
{
    /// <param name="hospitalId">When given, only an application of that hospital's staff is found (hospital coordinators).</param>
    /// <param name="viewerId">When given, the view is written to the audit trail with the ids of what the page shows.</param>
    public async Task<ReviewDetails?> GetAsync(int id, int? hospitalId = null, string? viewerId = null, CancellationToken ct = default)
    {
        var details = await DetailsOf(db, id, hospitalId, ct);
        if (details is null)
            return null;
        // The cohort's labs and seats are the same for every application of the cohort: kept until the next saved change.
        var labs = await shared.GetAsync<List<CohortLabSeats>>($"cohort-labs:{details.CohortId}", () => LabsOf(db, details.CohortId).ToListAsync(ct).AsTask());
        details = details with
        {
            Labs = labs.Select(l => new LabChoiceSeats(l.CohortLabId, l.Lab, l.Department, l.Seats, l.SeatsTaken,
                Array.IndexOf(details.ChosenLabIds, l.CohortLabId) is var i and >= 0 ? i + 1 : null)).ToList(),
        };
        if (viewerId is not null)
            await RecordViewAsync(details, viewerId, ct);
        return details;
    }

    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<CohortLabSeats>> LabsOf =
        EF.CompileAsyncQuery((PortalDbContext db, int cohortId) => db.CohortLabs.AsNoTracking()
            .Where(l => l.CohortId == cohortId)
            .OrderBy(l => l.HostLab.Name)
            .Select(l => new CohortLabSeats(l.Id, l.HostLab.Name, l.HostLab.Department, l.Seats, l.SeatsTaken)));

    // Compiled once: the page's projection is large, and translating it on every request showed in the profile. One statement:
    // the documents (a handful) and the history (a few changes) are joined to the application, a product of a few dozen rows
    // at most, rather than read by statements of their own (a split query), each of which cost more than those rows.
    private static readonly Func<PortalDbContext, int, int?, CancellationToken, Task<ReviewDetails?>> DetailsOf =
        EF.CompileAsyncQuery((PortalDbContext db, int id, int? hospitalId, CancellationToken ct) => db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.Status != ApplicationStatus.Draft)
            .Where(a => hospitalId == null || a.Doctor.HospitalId == hospitalId)
            .Select(a => new ReviewDetails(a.Id, a.Version, a.Status, a.EndorsementRequired, a.CohortId, a.Cohort.Name,
                a.Cohort.StartsOn, a.Cohort.EndsOn,
                new ApplicantProfile(a.Doctor.FullName, a.Doctor.ChineseName, a.Doctor.Title, a.Doctor.Department, a.Doctor.Specialty,
                    a.Doctor.YearsOfPractice, a.Doctor.LicenceNumber, a.Doctor.Email, a.Doctor.Phone, a.Doctor.Languages, a.Doctor.Bio,
                    a.Doctor.Hospital.Name),
                a.Plan, a.IntendedStartOn, a.IntendedEndOn, a.SubmittedAt, a.OfferRespondBy,
                a.WaitlistedFor == null ? null : a.WaitlistedFor.HostLab.Name,
                // The chosen labs by rank (at most ExchangeApplication.MaxLabChoices, 3) as columns of the main row rather than
                // a statement of their own.
                new[]
                {
                    a.LabChoices.Where(c => c.Rank == 1).Select(c => (int?)c.CohortLabId).FirstOrDefault(),
                    a.LabChoices.Where(c => c.Rank == 2).Select(c => (int?)c.CohortLabId).FirstOrDefault(),
                    a.LabChoices.Where(c => c.Rank == 3).Select(c => (int?)c.CohortLabId).FirstOrDefault(),
                },
                db.Documents.Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Kind).ThenBy(d => d.UploadedAt)
                    .Select(d => new DocumentRow(d.Id, d.Kind, d.FileName, d.ContentType, d.SizeBytes, d.UploadedAt, d.ExpiresOn))
                    .ToList(),
                a.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryRow(h.At, h.From, h.To, h.Actor != null ? h.Actor.DisplayName : h.ErasedActor ?? "Exchange Portal", h.Comment))
                    .ToList(),
                a.Placement == null ? null : new PlacementRow(a.Placement.CohortLab.HostLab.Name, a.Placement.Supervisor,
                    a.Placement.StartsOn, a.Placement.EndsOn, a.Placement.ReleasedAt == null),
                a.Doctor.UserId))
            .SingleOrDefault());

    /// <summary>A document of a submitted application, for staff; the view is written to the audit trail.</summary>
    public Task<DocumentFile?> OpenDocumentAsync(int applicationId, Guid documentId, string actorId, int? hospitalId = null,
        CancellationToken ct = default) =>
        db.OpenAuditedAsync(db.Documents
                .Where(d => d.Id == documentId && d.ApplicationId == applicationId && d.Application!.Status != ApplicationStatus.Draft)
                .Where(d => hospitalId == null || d.Application!.Doctor.HospitalId == hospitalId),
            actorId, "document.viewed", clock.Now, ct);

    private Task RecordViewAsync(ReviewDetails details, string actorId, CancellationToken ct = default) =>
        db.AppendAsync(new AuditEntry(clock.Now, actorId, "application.viewed", nameof(ExchangeApplication),
            details.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new()
            {
                ["Person"] = new(null, details.ApplicantUserId),
                ["Documents"] = new(null, string.Join(",", details.Documents.Select(d => d.Id))),
            }, [details.ApplicantUserId]), ct);
}
