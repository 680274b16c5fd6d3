using System.Linq.Expressions;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Core.Clearance;

/// <summary>Where one required document of a confirmed doctor stands before arrival.</summary>
public enum ClearanceState
{
    Missing,
    Waiting,
    Returned,
    Verified,
    ExpiresBeforeStayEnds,
}

/// <summary>One upload as the clearance rules read it.</summary>
public sealed record ClearanceDocument(Guid Id, DocumentKind Kind, DocumentVerification Verification, DateOnly? ExpiresOn,
    DateTimeOffset UploadedAt, string? ReturnReason);

/// <summary>One required item of one doctor: its state and the upload it was judged on (none when missing).</summary>
public sealed record ClearanceItemState(DocumentKind Kind, ClearanceState State, DateOnly? ExpiresOn, string? ReturnReason);

/// <summary>
/// The clearance rule, written once: a required document counts once a coordinator has verified it and it is valid through
/// the last day of the stay. The board, the dashboard's readiness, the applicant's to-do list, the hospital's staff page and
/// the reminders all read it from here.
/// </summary>
public static class ClearanceRules
{
    /// <summary>The papers uploaded and renewed from the offer until the stay ends; each has an expiry date.</summary>
    public static readonly DocumentKind[] PreArrivalKinds =
    [
        DocumentKind.TravelDocument, DocumentKind.Insurance, DocumentKind.ExitEntryPermit, DocumentKind.VisaOrEntryPermit,
        DocumentKind.PractisingLicence,
    ];

    /// <summary>What a new cohort requires until a coordinator changes it.</summary>
    public static readonly DocumentKind[] DefaultRequired = [DocumentKind.PractisingLicence, DocumentKind.TravelDocument, DocumentKind.Insurance];

    /// <summary>The doctors a clearance board lists: the offer accepted, until the stay ends.</summary>
    public static readonly ApplicationStatus[] Boarded = [ApplicationStatus.Confirmed, ApplicationStatus.InProgress];

    public static bool Counts(DocumentVerification verification, DateOnly? expiresOn, DateOnly stayEndsOn) =>
        verification == DocumentVerification.Verified && expiresOn >= stayEndsOn;

    /// <summary>Every item the application's cohort requires counts (the SQL form of <see cref="Counts"/>).</summary>
    public static Expression<Func<ExchangeApplication, bool>> Cleared(IQueryable<StoredDocument> documents) =>
        a => a.Placement != null && a.Cohort.ClearanceItems.All(i => documents.Any(d => d.ApplicationId == a.Id && d.Kind == i.Kind
            && d.Verification == DocumentVerification.Verified && d.ExpiresOn >= a.Placement.EndsOn));

    /// <summary>The item's state: verified when an upload counts; otherwise what the latest upload says.</summary>
    public static ClearanceItemState StateOf(DocumentKind kind, IEnumerable<ClearanceDocument> documents, DateOnly stayEndsOn)
    {
        var ofKind = documents.Where(d => d.Kind == kind).OrderByDescending(d => d.UploadedAt).ToList();
        if (ofKind.FirstOrDefault(d => Counts(d.Verification, d.ExpiresOn, stayEndsOn)) is { } counting)
            return new(kind, ClearanceState.Verified, counting.ExpiresOn, null);
        if (ofKind.FirstOrDefault() is not { } latest)
            return new(kind, ClearanceState.Missing, null, null);
        return latest.Verification switch
        {
            DocumentVerification.Waiting => new(kind, ClearanceState.Waiting, latest.ExpiresOn, null),
            DocumentVerification.Returned => new(kind, ClearanceState.Returned, latest.ExpiresOn, latest.ReturnReason),
            _ => new(kind, ClearanceState.ExpiresBeforeStayEnds, latest.ExpiresOn, null),
        };
    }

    public static IReadOnlyList<ClearanceItemState> StatesOf(IEnumerable<DocumentKind> required, IReadOnlyCollection<ClearanceDocument> documents,
        DateOnly stayEndsOn) =>
        required.OrderBy(k => Array.IndexOf(PreArrivalKinds, k)).Select(k => StateOf(k, documents, stayEndsOn)).ToList();

    public static string Describe(this ClearanceState state) => state switch
    {
        ClearanceState.Missing => "Missing",
        ClearanceState.Waiting => "Waiting for verification",
        ClearanceState.Returned => "Returned",
        ClearanceState.Verified => "Verified",
        ClearanceState.ExpiresBeforeStayEnds => "Expires before the stay ends",
        _ => state.ToString(),
    };
}
