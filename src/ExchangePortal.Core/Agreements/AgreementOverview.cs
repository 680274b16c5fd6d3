using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

public sealed record AgreementRow(int Id, string Title, string University, string Hospital, AgreementStatus Status,
    DateOnly EffectiveFrom, DateOnly EffectiveTo, int Overdue, int DueIn30Days);

public sealed record MilestoneTargetView(MilestoneMeasure Measure, int Value, int? LabId, string? Lab, string? Department,
    DateOnly? From, DateOnly? To);

public sealed record MilestoneView(int Id, string Title, string? Area, DateOnly DueOn, string? Owner, MilestoneStatus Status,
    DateOnly? CompletedOn, string? EvidenceNote, MilestoneSource Source, bool Overdue, MilestoneTargetView? Target, bool Following,
    int? Actual = null);

public sealed record SignatoryView(string Name, string Title, int InstitutionId, string Institution);

public sealed record AgreementDocumentView(Guid Id, string FileName, long SizeBytes, DateTimeOffset UploadedAt, string UploadedBy);

public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, Dictionary<string, FieldChange> Changes);

/// <summary>Lists the page's forms pick from: areas, staff owners, and the university's labs with their departments.</summary>
public sealed record AgreementChoices(List<Option<string>> Areas, List<Option<string>> Owners, List<Option<string>> Labs, List<string> Departments);

public sealed record AgreementView(int Id, string Title, int UniversityId, string University, int HospitalId, string Hospital,
    AgreementStatus Status, DateOnly? SignedOn, DateOnly EffectiveFrom, DateOnly EffectiveTo, uint Version, List<Option<string>> Areas,
    List<SignatoryView> Signatories, List<MilestoneView> Milestones, List<AgreementDocumentView> Documents,
    AgreementChoices? Choices = null, List<HistoryEntry>? History = null);

/// <summary>One milestone as its edit page shows it: its fields, what can be chosen for them, and its history.</summary>
public sealed record MilestoneEditor(int AgreementId, string Agreement, int Id, string Title, DateOnly DueOn, int? AreaId, string? OwnerId,
    MilestoneSource Source, MilestoneStatus Status, string? EvidenceNote, DateOnly? CompletedOn, MilestoneTargetView? Target, uint Version,
    AgreementChoices? Choices = null, List<HistoryEntry>? History = null)
{
    public bool CanDelete => MilestoneRules.CanDelete(Source, EvidenceNote, CompletedOn);
}

/// <summary>What the programme office reads about agreements: the list, one agreement's page, its timeline.</summary>
public class AgreementOverview(PortalDbContext db, ProgrammeClock clock, MilestoneProgress progress)
{
    /// <summary>The most recent changes the agreement page shows; the audit trail keeps them all.</summary>
    public const int HistoryShown = 200;

    public async Task<IReadOnlyList<AgreementRow>> ListAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var soon = today.AddDays(30);
        return await db.Agreements.AsNoTracking().OrderByDescending(a => a.EffectiveFrom)
            .Select(a => new AgreementRow(a.Id, a.Title, a.University.Name, a.Hospital.Name, a.Status, a.EffectiveFrom, a.EffectiveTo,
                a.Milestones.Count(m => MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn < today),
                a.Milestones.Count(m => MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn >= today && m.DueOn <= soon)))
            .ToListAsync(ct);
    }

    /// <param name="userId">The signed-in user, to tell which milestones they follow.</param>
    public async Task<AgreementView?> GetAsync(int id, string userId, CancellationToken ct = default)
    {
        var today = clock.Today;
        var view = await db.Agreements.AsNoTracking().AsSplitQuery().Where(a => a.Id == id)
            .Select(a => new AgreementView(a.Id, a.Title, a.UniversityId, a.University.Name, a.HospitalId, a.Hospital.Name, a.Status,
                a.SignedOn, a.EffectiveFrom, a.EffectiveTo, a.Version,
                a.Areas.OrderBy(x => x.Name).Select(x => new Option<string>(x.Id.ToString(), x.Name)).ToList(),
                a.Signatories.OrderBy(s => s.Id).Select(s => new SignatoryView(s.Name, s.Title, s.InstitutionId, s.Institution.Name)).ToList(),
                a.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id)
                    .Select(m => new MilestoneView(m.Id, m.Title, m.Area == null ? null : m.Area.Name, m.DueOn,
                        m.Owner == null ? null : m.Owner.DisplayName, m.Status, m.CompletedOn, m.EvidenceNote, m.Source,
                        MilestoneRules.OpenStatuses.Contains(m.Status) && m.DueOn < today,
                        m.Measure == null ? null : new MilestoneTargetView(m.Measure.Value, m.TargetValue ?? 0, m.TargetLabId,
                            m.TargetLab == null ? null : m.TargetLab.Name, m.TargetDepartment, m.TargetFrom, m.TargetTo),
                        m.Followers.Any(f => f.Id == userId), null))
                    .ToList(),
                a.Documents.OrderByDescending(d => d.UploadedAt)
                    .Select(d => new AgreementDocumentView(d.Id, d.FileName, d.SizeBytes, d.UploadedAt, d.UploadedBy.DisplayName)).ToList(),
                null, null))
            .SingleOrDefaultAsync(ct);
        if (view is null)
            return null;
        var actuals = await progress.ForAgreementAsync(id, ct);
        var history = await HistoryAsync(nameof(Agreement), id.ToString(), ct);
        return view with
        {
            Milestones = view.Milestones.Select(m => m with { Actual = actuals.TryGetValue(m.Id, out var actual) ? actual : null }).ToList(),
            Choices = await ChoicesAsync(view.UniversityId, ct),
            History = history,
        };
    }

    /// <returns>null when the milestone is not one of this agreement's.</returns>
    public async Task<MilestoneEditor?> GetMilestoneAsync(int agreementId, int milestoneId, CancellationToken ct = default)
    {
        var editor = await db.Milestones.AsNoTracking().Where(m => m.Id == milestoneId && m.AgreementId == agreementId)
            .Select(m => new MilestoneEditor(m.AgreementId, m.Agreement.Title, m.Id, m.Title, m.DueOn, m.AreaId, m.OwnerId, m.Source, m.Status,
                m.EvidenceNote, m.CompletedOn,
                m.Measure == null ? null : new MilestoneTargetView(m.Measure.Value, m.TargetValue ?? 0, m.TargetLabId,
                    m.TargetLab == null ? null : m.TargetLab.Name, m.TargetDepartment, m.TargetFrom, m.TargetTo),
                m.Version, null, null))
            .SingleOrDefaultAsync(ct);
        if (editor is null)
            return null;
        var universityId = await db.Agreements.Where(a => a.Id == agreementId).Select(a => a.UniversityId).SingleAsync(ct);
        return editor with
        {
            Choices = await ChoicesAsync(universityId, ct),
            History = await HistoryAsync(nameof(AgreementMilestone), milestoneId.ToString(), ct),
        };
    }

    private Task<List<HistoryEntry>> HistoryAsync(string recordType, string recordId, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == recordType && e.RecordId == recordId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(HistoryShown)
            .Select(e => new HistoryEntry(e.At, db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault() ?? "Exchange Portal",
                e.Action, e.Changes))
            .ToListAsync(ct);

    private async Task<AgreementChoices> ChoicesAsync(int universityId, CancellationToken ct)
    {
        var staffRoles = new[] { RoleConfiguration.RoleId(Roles.UniversityCoordinator), RoleConfiguration.RoleId(Roles.Administrator) };
        var areas = await db.CollaborationAreas.AsNoTracking().OrderBy(x => x.Name).Select(x => new Option<string>(x.Id.ToString(), x.Name)).ToListAsync(ct);
        var owners = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new Option<string>(u.Id, u.DisplayName)).ToListAsync(ct);
        var labs = await db.HostLabs.AsNoTracking().Where(l => l.UniversityId == universityId).OrderBy(l => l.Name)
            .Select(l => new { l.Id, l.Name, l.Department }).ToListAsync(ct);
        return new AgreementChoices(areas, owners, labs.Select(l => new Option<string>(l.Id.ToString(), l.Name)).ToList(),
            labs.Select(l => l.Department).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
