using System.Linq.Expressions;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Applications;

public enum QueueSort
{
    Submitted,
    Name,
}

public sealed record QueueFilter(int? CohortId = null, ApplicationStatus? Status = null, int? HostLabId = null,
    string? Specialty = null, int? HospitalId = null, string? Search = null, QueueSort Sort = QueueSort.Submitted, int Page = 1);

public sealed record ReviewQueueRow(int Id, string Doctor, string Hospital, string Specialty, string Cohort,
    ApplicationStatus Status, DateTimeOffset? SubmittedAt, string? FirstChoice, uint Version = 0);

public sealed record QueueOptions(List<Option<int>> Cohorts, List<Option<int>> Labs, List<Option<int>> Hospitals, List<string> Specialties);

public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueRow> Rows, int Total, int Page, int PageCount,
    IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus, QueueOptions Options);

/// <summary>The university coordinator's queue: by default what waits for the university; filtered, searched, sorted, paged in SQL.</summary>
public class ReviewQueue(PortalDbContext db, SharedReads shared)
{
    public const int PageSize = 25;

    /// <summary>The default queue's condition as SQL, for the partial index that serves it (keep in step with <see cref="GetAsync"/>).</summary>
    public const string AwaitingUniversitySql =
        "(\"Status\" = 'Submitted' AND NOT \"EndorsementRequired\") OR \"Status\" = 'Endorsed' OR \"Status\" = 'UnderReview'";

    /// <summary>
    /// The column holding the doctor's full name, a line break and the Chinese name, copied onto each application by
    /// triggers (migration QueueNameSearch) so one index serves a name search within a status.
    /// </summary>
    public const string DoctorNames = "DoctorNames";

    public async Task<ReviewQueuePage> GetAsync(QueueFilter filter, CancellationToken ct = default)
    {
        var inCohort = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatus.Draft);
        if (filter.CohortId is { } cohortId)
            inCohort = inCohort.Where(a => a.CohortId == cohortId);

        var query = filter.Status is { } status ? inCohort.Where(a => a.Status == status) : inCohort.Where(AwaitingUniversity);
        var onlyCohortAndStatus = true;
        if (filter.HostLabId is { } labId)
        {
            query = query.Where(a => a.LabChoices.Any(c => c.CohortLab.HostLabId == labId));
            onlyCohortAndStatus = false;
        }
        if (!string.IsNullOrWhiteSpace(filter.Specialty))
        {
            query = query.Where(a => a.Doctor.Specialty == filter.Specialty);
            onlyCohortAndStatus = false;
        }
        if (filter.HospitalId is { } hospitalId)
        {
            query = query.Where(a => a.Doctor.HospitalId == hospitalId);
            onlyCohortAndStatus = false;
        }
        var searching = !string.IsNullOrWhiteSpace(filter.Search);
        if (searching)
        {
            var search = filter.Search!.Trim();
            var pattern = $"%{search.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
            // The copied names narrow through IX_Applications_Status_DoctorNames_Trigram (status and trigrams in one index scan,
            // so the matches are found without fetching every doctor whose name matches); the doctor's own names decide.
            // A term with three letters or digits in a row has trigrams to narrow by, and any plan then finds its matches
            // through that index: the pattern is a parameter, so EF Core keeps the SQL and PostgreSQL keeps the plan
            // (docs/performance.md, "Sixth pass"). A shorter term (a two-character Chinese name) has none, and a plan made
            // without its text would scan the whole index: its pattern goes into the SQL as a literal, planned each time.
            query = Regex.IsMatch(search, @"[\p{L}\p{N}]{3}")
                ? query.Where(a => EF.Functions.ILike(EF.Property<string>(a, DoctorNames), pattern, @"\"))
                    .Where(a => EF.Functions.ILike(a.Doctor.FullName, pattern, @"\")
                        || (a.Doctor.ChineseName != null && EF.Functions.ILike(a.Doctor.ChineseName, pattern, @"\")))
                : query.Where(a => EF.Functions.ILike(EF.Property<string>(a, DoctorNames), EF.Constant(pattern), @"\"))
                    .Where(a => EF.Functions.ILike(a.Doctor.FullName, EF.Constant(pattern), @"\")
                        || (a.Doctor.ChineseName != null && EF.Functions.ILike(a.Doctor.ChineseName, EF.Constant(pattern), @"\")));
            onlyCohortAndStatus = false;
        }

        // Counts per status come from the trigger-kept counters (a few hundred rows at most), not from counting applications;
        // so does the total when only the cohort and the status narrow the queue. They are the same for every coordinator:
        // kept until the next saved change (SharedReads), as the filter options are.
        // A cohort id that names no cohort (typed into the address) is counted each time, never kept: the kept reads stay one
        // per cohort, however many ids are asked for.
        var options = await OptionsAsync(ct);
        var countRows = filter.CohortId is { } asked && !options.Cohorts.Exists(c => c.Id == asked)
            ? await StatusCountsOf(asked, ct)
            : await shared.GetAsync($"queue-counts:{filter.CohortId}", () => StatusCountsOf(filter.CohortId, ct));
        var counts = countRows.GroupBy(r => r.Status)
            .Select(g => (Status: g.Key, Count: g.Sum(r => r.Count)))
            .Where(g => g.Count > 0)
            .ToDictionary(g => g.Status, g => g.Count);
        var total = !onlyCohortAndStatus ? await query.CountAsync(ct)
            : filter.Status is { } countedStatus ? counts.GetValueOrDefault(countedStatus)
            : countRows.Where(r => (r.Status == ApplicationStatus.Submitted && !r.EndorsementRequired)
                || r.Status == ApplicationStatus.Endorsed || r.Status == ApplicationStatus.UnderReview).Sum(r => r.Count);

        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        if (onlyCohortAndStatus && filter.Sort == QueueSort.Submitted)
            return new ReviewQueuePage(
                await ByCohortAndStatus(db, filter.CohortId, filter.Status, Paging.Offset(page, PageSize), PageSize).ToListAsync(ct),
                total, page, pageCount, counts, options);
        var ordered = filter.Sort != QueueSort.Name ? query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            // A name search leaves few rows: sort those rather than walk the whole name index in order, testing each name
            // (a cached generic plan did: 55 ms at 100,000 applications against 2 ms). Appending "" keeps the order and
            // leaves PostgreSQL no index that gives it.
            : searching ? query.OrderBy(a => a.Doctor.FullName + "").ThenBy(a => a.Id)
            : query.OrderBy(a => a.Doctor.FullName).ThenBy(a => a.Id);
        var rows = await ordered.Skip(Paging.Offset(page, PageSize)).Take(PageSize).Select(Row).ToListAsync(ct);
        return new ReviewQueuePage(rows, total, page, pageCount, counts, options);
    }

    private static readonly Expression<Func<ExchangeApplication, bool>> AwaitingUniversity =
        a => (a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired) || a.Status == ApplicationStatus.Endorsed
            || a.Status == ApplicationStatus.UnderReview;

    private static readonly Expression<Func<ExchangeApplication, ReviewQueueRow>> Row =
        a => new ReviewQueueRow(a.Id, a.Doctor.FullName, a.Doctor.Hospital.ShortName, a.Doctor.Specialty, a.Cohort.Name, a.Status,
            a.SubmittedAt, a.LabChoices.OrderBy(c => c.Rank).Select(c => c.CohortLab.HostLab.Name).FirstOrDefault(), a.Version);

    // The queue as most coordinators see it (at most a cohort and a status chosen, by submission date), compiled once: translating
    // the query cost more than running it. EF leaves out the conditions whose parameter is null, so the SQL is the same as above
    // (the status condition is AwaitingUniversity's, written out: a compiled query cannot call another expression).
    private static readonly Func<PortalDbContext, int?, ApplicationStatus?, int, int, IAsyncEnumerable<ReviewQueueRow>> ByCohortAndStatus =
        EF.CompileAsyncQuery((PortalDbContext db, int? cohortId, ApplicationStatus? status, int skip, int take) => db.Applications.AsNoTracking()
            .Where(a => a.Status != ApplicationStatus.Draft)
            .Where(a => cohortId == null || a.CohortId == cohortId)
            .Where(a => (status == null && ((a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
                || a.Status == ApplicationStatus.Endorsed || a.Status == ApplicationStatus.UnderReview)) || a.Status == status)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Skip(skip).Take(take)
            .Select(Row));

    private sealed record StatusCount(ApplicationStatus Status, bool EndorsementRequired, int Count);

    private Task<List<StatusCount>> StatusCountsOf(int? cohortId, CancellationToken ct)
    {
        var counters = db.ApplicationStatusCounts.AsNoTracking().Where(c => c.Status != ApplicationStatus.Draft);
        if (cohortId is { } id)
            counters = counters.Where(c => c.CohortId == id);
        return counters.GroupBy(c => new { c.Status, c.EndorsementRequired })
            .Select(g => new StatusCount(g.Key.Status, g.Key.EndorsementRequired, g.Sum(c => c.Count)))
            .ToListAsync(ct);
    }

    // The same for every coordinator: read once, kept until the next saved change (SharedReads).
    private Task<QueueOptions> OptionsAsync(CancellationToken ct) => shared.GetAsync("review-queue-options", async () => new QueueOptions(
        await db.Cohorts.AsNoTracking().OrderByDescending(c => c.StartsOn).Select(c => new Option<int>(c.Id, c.Name)).ToListAsync(ct),
        await db.HostLabs.AsNoTracking().OrderBy(l => l.Name).Select(l => new Option<int>(l.Id, l.Name)).ToListAsync(ct),
        await db.Institutions.AsNoTracking().Where(i => i.Kind == InstitutionKind.Hospital).OrderBy(i => i.Name)
            .Select(i => new Option<int>(i.Id, i.Name)).ToListAsync(ct),
        await SpecialtiesAsync(ct)));

    // The distinct specialties by a loose index scan (one index probe per specialty), not by reading every doctor.
    private Task<List<string>> SpecialtiesAsync(CancellationToken ct) => db.Database.SqlQueryRaw<string>("""
        WITH RECURSIVE s AS (
            (SELECT "Specialty" FROM "Doctors" WHERE "Specialty" > '' ORDER BY "Specialty" LIMIT 1)
            UNION ALL
            SELECT (SELECT d."Specialty" FROM "Doctors" d WHERE d."Specialty" > s."Specialty" ORDER BY d."Specialty" LIMIT 1)
            FROM s WHERE s."Specialty" IS NOT NULL)
        SELECT "Specialty" AS "Value" FROM s WHERE "Specialty" IS NOT NULL ORDER BY "Specialty"
        """).ToListAsync(ct);
}
