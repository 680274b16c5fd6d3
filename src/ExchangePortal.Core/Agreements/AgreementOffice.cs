using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

public sealed record AgreementRow(int Id, string Title, string University, string Hospital, AgreementStatus Status,
    DateOnly EffectiveFrom, DateOnly EffectiveTo, int Overdue, int DueIn30Days);

public sealed record MilestoneView(int Id, string Title, string? Area, DateOnly DueOn, string? Owner, MilestoneStatus Status,
    DateOnly? CompletedOn, string? EvidenceNote, MilestoneSource Source, bool Overdue);

public sealed record SignatoryView(string Name, string Title, string Institution);

public sealed record PickOption(string Id, string Name);

public sealed record AgreementView(int Id, string Title, string University, string Hospital, AgreementStatus Status, DateOnly? SignedOn,
    DateOnly EffectiveFrom, DateOnly EffectiveTo, List<string> Areas, List<SignatoryView> Signatories, List<MilestoneView> Milestones,
    List<PickOption> AreaOptions, List<PickOption> Owners);

public enum MilestoneAction
{
    Start,
    Complete,
    Miss,
}

/// <summary>The programme office's agreements and their milestones; every change audited.</summary>
public class AgreementOffice(PortalDbContext db, ProgrammeClock clock)
{
    public async Task<IReadOnlyList<AgreementRow>> ListAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var soon = today.AddDays(30);
        return await db.Agreements.AsNoTracking().OrderByDescending(a => a.EffectiveFrom)
            .Select(a => new AgreementRow(a.Id, a.Title, a.University.Name, a.Hospital.Name, a.Status, a.EffectiveFrom, a.EffectiveTo,
                a.Milestones.Count(m => m.Status != MilestoneStatus.Done && m.Status != MilestoneStatus.Missed && m.DueOn < today),
                a.Milestones.Count(m => m.Status != MilestoneStatus.Done && m.Status != MilestoneStatus.Missed && m.DueOn >= today && m.DueOn <= soon)))
            .ToListAsync(ct);
    }

    public async Task<AgreementView?> GetAsync(int id, CancellationToken ct = default)
    {
        var today = clock.Today;
        var staffRoles = new[] { RoleConfiguration.RoleId(Roles.UniversityCoordinator), RoleConfiguration.RoleId(Roles.Administrator) };
        var view = await db.Agreements.AsNoTracking().AsSplitQuery().Where(a => a.Id == id)
            .Select(a => new AgreementView(a.Id, a.Title, a.University.Name, a.Hospital.Name, a.Status, a.SignedOn, a.EffectiveFrom, a.EffectiveTo,
                a.Areas.OrderBy(x => x.Name).Select(x => x.Name).ToList(),
                a.Signatories.Select(s => new SignatoryView(s.Name, s.Title, s.Institution.Name)).ToList(),
                a.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id)
                    .Select(m => new MilestoneView(m.Id, m.Title, m.Area == null ? null : m.Area.Name, m.DueOn,
                        m.Owner == null ? null : m.Owner.DisplayName, m.Status, m.CompletedOn, m.EvidenceNote, m.Source,
                        m.Status != MilestoneStatus.Done && m.Status != MilestoneStatus.Missed && m.DueOn < today))
                    .ToList(),
                new List<PickOption>(), new List<PickOption>()))
            .SingleOrDefaultAsync(ct);
        if (view is null)
            return null;
        var areas = await db.CollaborationAreas.AsNoTracking().OrderBy(x => x.Name).Select(x => new PickOption(x.Id.ToString(), x.Name)).ToListAsync(ct);
        var owners = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new PickOption(u.Id, u.DisplayName)).ToListAsync(ct);
        return view with { AreaOptions = areas, Owners = owners };
    }

    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> AddMilestoneAsync(int agreementId, string title, DateOnly dueOn, int? areaId, string? ownerId, string actorId,
        CancellationToken ct = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null)
            return false;
        var area = areaId is null ? null : await db.CollaborationAreas.SingleOrDefaultAsync(x => x.Id == areaId, ct)
            ?? throw new DomainException("Choose a collaboration area from the list.");
        var owner = ownerId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == ownerId, ct)
            ?? throw new DomainException("Choose an owner from the list.");
        var milestone = new AgreementMilestone(agreement, title.Trim(), dueOn, area, owner);
        db.Milestones.Add(milestone);
        // The audit entry names the new milestone's id, so it is written after the insert, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.created", nameof(AgreementMilestone), milestone.Id.ToString(), new()
        {
            ["Title"] = new FieldChange(null, milestone.Title),
            ["DueOn"] = new FieldChange(null, dueOn.ToString("yyyy-MM-dd")),
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> ChangeMilestoneAsync(int agreementId, int milestoneId, MilestoneAction action, string? note, string actorId,
        CancellationToken ct = default)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.AgreementId == agreementId, ct);
        if (milestone is null)
            return false;
        var before = milestone.Status;
        switch (action)
        {
            case MilestoneAction.Start:
                milestone.Start();
                break;
            case MilestoneAction.Complete:
                milestone.Complete(clock.Today, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
                break;
            default:
                milestone.MarkMissed(string.IsNullOrWhiteSpace(note) ? null : note.Trim());
                break;
        }
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.status", nameof(AgreementMilestone), milestoneId.ToString(), new()
        {
            ["Status"] = new FieldChange(before.ToString(), milestone.Status.ToString()),
            ["EvidenceNote"] = new FieldChange(null, milestone.EvidenceNote),
        }));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
