using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Privacy;

/// <summary>
/// One time someone else saw the person's data: when, what (a document of which kind, an application page, an export),
/// and who by their roles and institution only, never a colleague's name or address.
/// </summary>
public sealed record AccessRow(DateTimeOffset At, string Action, string? DocumentKind, IReadOnlyList<RoleName> Roles, string? Institution);

public sealed record PrivacyOverview(string CurrentNotice, IReadOnlyList<ConsentRow> Consents, IReadOnlyList<AccessRow> Access,
    bool AccessCut, int ApplicationsInProgress)
{
    public bool ConsentInForce => Consents.Count > 0 && Consents[0].Accepted && Consents[0].WithdrawnAt is null;
}

/// <summary>The person's privacy page: their consent history and who has seen their data, in a fixed number of statements.</summary>
public class AccountPrivacy(PortalDbContext db, PrivacyNotice notice)
{
    public const int AccessShown = 200;

    public async Task<PrivacyOverview> GetAsync(string userId, CancellationToken ct = default)
    {
        var consents = await ConsentHistory(db, userId).ToListAsync(ct);
        // The person's few applications, read once: their host universities name the university staff in the access log,
        // and those still open count as in progress.
        var applications = await ApplicationsOf(db, userId).ToListAsync(ct);
        var access = await AccessLogAsync(userId, applications.Select(a => a.University), AccessShown + 1, ct);
        var current = ApplicationRules.From(ApplicationAction.Withdraw).Append(ApplicationStatus.InProgress).ToList();
        var inProgress = applications.Count(a => current.Contains(a.Status));
        return new PrivacyOverview(notice.Current, consents, access.Take(AccessShown).ToList(), access.Count > AccessShown, inProgress);
    }

    internal sealed record PersonApplication(ApplicationStatus Status, string University);

    // The page's three reads are compiled once (they run on every visit; translating a query costs more here than
    // running it): the person's applications, their consent history and the access log.

    /// <summary>The status and host university of each of the person's applications (university staff in the access log belong to those universities).</summary>
    internal static readonly Func<PortalDbContext, string, IAsyncEnumerable<PersonApplication>> ApplicationsOf = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId) => db.Applications.AsNoTracking().Where(a => a.Doctor.UserId == userId)
            .Select(a => new PersonApplication(a.Status, a.Cohort.Agreement.University.Name)));

    internal static readonly Func<PortalDbContext, string, IAsyncEnumerable<ConsentRow>> ConsentHistory = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId) => db.ConsentRecords.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new ConsentRow(c.NoticeVersion, c.Accepted, c.Programme, c.SensitiveData, c.OutsideMainland, c.At, c.WithdrawnAt)));

    private sealed record AccessEntry(DateTimeOffset At, string Action, Dictionary<string, FieldChange> Changes, List<string> Roles, string? Hospital);

    // Ordered by an expression no index gives (At + 0), so that every plan finds the person's entries through the
    // SubjectIds index and sorts those: with statements prepared, PostgreSQL's generic plan otherwise walks the At
    // index of the whole audit trail backwards, testing every entry (docs/performance.md, "own-data").
    private static readonly Func<PortalDbContext, string, int, IAsyncEnumerable<AccessEntry>> AccessEntries = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId, int take) => db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectIds.Contains(userId) && e.ActorId != null && e.ActorId != userId)
            .OrderByDescending(e => e.At + TimeSpan.Zero).ThenByDescending(e => e.Id)
            .Take(take)
            .Select(e => new AccessEntry(e.At, e.Action, e.Changes,
                db.UserRoles.Where(r => r.UserId == e.ActorId).Select(r => r.RoleId).ToList(),
                db.Users.Where(u => u.Id == e.ActorId && u.Hospital != null).Select(u => u.Hospital!.Name).FirstOrDefault())));

    /// <summary>Every audited view, download or export of the person's data by someone else, newest first.</summary>
    /// <param name="universities">The host universities of the person's applications.</param>
    internal async Task<List<AccessRow>> AccessLogAsync(string userId, IEnumerable<string> universities, int? take, CancellationToken ct)
    {
        var entries = await AccessEntries(db, userId, take ?? int.MaxValue).ToListAsync(ct);
        // University staff belong to the host university of the person's applications.
        var hosts = string.Join(", ", universities.Distinct().Order(StringComparer.Ordinal));
        return entries.Select(e =>
        {
            var roles = Roles.All.Where(r => r != Roles.Applicant && e.Roles.Contains(RoleConfiguration.RoleId(r))).Select(Enum.Parse<RoleName>).ToList();
            var institution = roles.Contains(RoleName.HospitalCoordinator) && e.Hospital is not null ? e.Hospital
                : roles.Any(r => r is RoleName.UniversityCoordinator or RoleName.Administrator) && hosts.Length > 0 ? hosts
                : null;
            return new AccessRow(e.At, e.Action, e.Changes.TryGetValue("Kind", out var kind) ? kind.After : null, roles, institution);
        }).ToList();
    }
}
