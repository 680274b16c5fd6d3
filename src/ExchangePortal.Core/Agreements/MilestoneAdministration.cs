using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

/// <summary>A target to count from real data; the lab, department and dates narrow doctors placed only.</summary>
public sealed record MilestoneTarget(MilestoneMeasure Measure, int Value, int? LabId = null, string? Department = null,
    DateOnly? From = null, DateOnly? To = null);

/// <summary>A milestone's fields as entered, for a new milestone or a correction; no target means none.</summary>
public sealed record NewMilestone(string Title, DateOnly DueOn, int? AreaId, string? OwnerId, MilestoneTarget? Target = null);

/// <summary>
/// The programme office adds, corrects and deletes milestones, moves them through their statuses, sets their targets;
/// staff follow them. Every change is audited field by field.
/// </summary>
public class MilestoneAdministration(PortalDbContext db, ProgrammeClock clock)
{
    public const string ChangedMeanwhile = "This milestone changed while you were editing it; please reload.";

    /// <summary>How long before an agreement's end its renewal milestone falls due.</summary>
    public const int RenewalLeadDays = 30;

    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> AddAsync(int agreementId, NewMilestone input, string actorId, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null)
            return false;
        var milestone = new AgreementMilestone(agreement, input.Title.Trim(), input.DueOn, await AreaAsync(input.AreaId, ct),
            await OwnerAsync(input.OwnerId, ct));
        if (input.Target is { } target)
            await ApplyTargetAsync(milestone, agreement.UniversityId, target, ct);
        db.Milestones.Add(milestone);
        // The audit entry names the new milestone's id, so it is written after the insert, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var changes = new Dictionary<string, FieldChange>
        {
            ["Title"] = new(null, milestone.Title),
            ["DueOn"] = new(null, input.DueOn.ToString("yyyy-MM-dd")),
        };
        if (milestone.TargetText() is { } text)
            changes["Target"] = new(null, text);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.created", nameof(AgreementMilestone), milestone.Id.ToString(), changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// A milestone to track the agreement's renewal, owned by whoever creates it, due <see cref="RenewalLeadDays"/> days
    /// before the end (or today when that has passed); offered while the end is near (<see cref="AgreementRules.RenewalDue"/>).
    /// </summary>
    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> AddRenewalAsync(int agreementId, string actorId, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.Id == agreementId)
            .Select(a => new { a.Title, a.Status, a.EffectiveTo }).SingleOrDefaultAsync(ct);
        if (agreement is null)
            return false;
        var today = clock.Today;
        if (!AgreementRules.RenewalDue(agreement.Status, agreement.EffectiveTo, today))
            throw new DomainException("A renewal milestone can be created for an active agreement within 180 days of its end.");
        var title = AgreementRules.RenewalTitle(agreement.Title);
        if (await db.Milestones.AnyAsync(m => m.AgreementId == agreementId && m.Title == title && MilestoneRules.OpenStatuses.Contains(m.Status), ct))
            throw new DomainException("This agreement already has an open renewal milestone.");
        var dueOn = agreement.EffectiveTo.AddDays(-RenewalLeadDays);
        return await AddAsync(agreementId, new NewMilestone(title, dueOn < today ? today : dueOn, null, actorId), actorId, ct);
    }

    /// <summary>Corrects the title, due date, area, owner and target; the fields that changed are audited.</summary>
    /// <param name="version">The row version the form was filled from: a later change makes this edit stale.</param>
    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> EditAsync(int agreementId, int milestoneId, NewMilestone input, uint version, string actorId,
        CancellationToken ct = default)
    {
        var milestone = await LoadAsync(agreementId, milestoneId, version, ct);
        if (milestone is null)
            return false;
        var before = Snapshot(milestone);
        milestone.Edit(input.Title, input.DueOn, await AreaAsync(input.AreaId, ct), await OwnerAsync(input.OwnerId, ct));
        if (input.Target is { } target)
            await ApplyTargetAsync(milestone, milestone.Agreement.UniversityId, target, ct);
        else
            milestone.ClearTarget();
        var changes = AgreementAdministration.Fields(before, Snapshot(milestone));
        if (changes.Count == 0)
            return true;
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.edited", nameof(AgreementMilestone), milestoneId.ToString(), changes));
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <summary>Deletes a manual milestone with no evidence recorded; the audit trail keeps what it was.</summary>
    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> DeleteAsync(int agreementId, int milestoneId, uint version, string actorId, CancellationToken ct = default)
    {
        var milestone = await LoadAsync(agreementId, milestoneId, version, ct);
        if (milestone is null)
            return false;
        milestone.EnsureDeletable();
        var before = Snapshot(milestone);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.deleted", nameof(AgreementMilestone), milestoneId.ToString(),
            AgreementAdministration.Fields(before, before.ToDictionary(f => f.Key, _ => (string?)null))));
        db.Milestones.Remove(milestone);
        await db.SaveOrRefuseAsync(ChangedMeanwhile, ct);
        return true;
    }

    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> ChangeAsync(int agreementId, int milestoneId, MilestoneAction action, string? note, string actorId,
        CancellationToken ct = default)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.AgreementId == agreementId, ct);
        if (milestone is null)
            return false;
        var before = milestone.Status;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Action change = action switch
        {
            MilestoneAction.Start => milestone.Start,
            MilestoneAction.Complete => () => milestone.Complete(clock.Today, note),
            MilestoneAction.Miss => () => milestone.MarkMissed(note),
            _ => throw new DomainException("Choose Start, Done or Missed."),
        };
        change();
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.status", nameof(AgreementMilestone), milestoneId.ToString(), new()
        {
            ["Status"] = new FieldChange(before.ToString(), milestone.Status.ToString()),
            ["EvidenceNote"] = new FieldChange(null, milestone.EvidenceNote),
        }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <param name="target">The new target, or null to clear it.</param>
    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> SetTargetAsync(int agreementId, int milestoneId, MilestoneTarget? target, string actorId, CancellationToken ct = default)
    {
        var milestone = await db.Milestones.Include(m => m.Agreement).Include(m => m.TargetLab)
            .SingleOrDefaultAsync(m => m.Id == milestoneId && m.AgreementId == agreementId, ct);
        if (milestone is null)
            return false;
        var before = milestone.TargetText();
        if (target is null)
            milestone.ClearTarget();
        else
            await ApplyTargetAsync(milestone, milestone.Agreement.UniversityId, target, ct);
        var after = milestone.TargetText();
        if (before == after)
            return true;
        db.AuditEntries.Add(new AuditEntry(clock.Now, actorId, "milestone.target", nameof(AgreementMilestone), milestoneId.ToString(),
            new() { ["Target"] = new FieldChange(before, after) }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The user follows (or stops following) the milestone: it appears in (or leaves) their calendar feed.</summary>
    /// <returns>false when the milestone is not one of this agreement's.</returns>
    public async Task<bool> FollowAsync(int agreementId, int milestoneId, string userId, bool follow, CancellationToken ct = default)
    {
        var milestone = await db.Milestones.Include(m => m.Followers.Where(f => f.Id == userId))
            .SingleOrDefaultAsync(m => m.Id == milestoneId && m.AgreementId == agreementId, ct);
        if (milestone is null)
            return false;
        if (follow == milestone.Followers.Count > 0)
            return true;
        if (follow)
            milestone.Follow(await db.Users.SingleAsync(u => u.Id == userId, ct));
        else
            milestone.Unfollow(userId);
        db.AuditEntries.Add(new AuditEntry(clock.Now, userId, follow ? "milestone.followed" : "milestone.unfollowed",
            nameof(AgreementMilestone), milestoneId.ToString(),
            new() { ["Follower"] = follow ? new FieldChange(null, userId) : new FieldChange(userId, null) }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<AgreementMilestone?> LoadAsync(int agreementId, int milestoneId, uint version, CancellationToken ct)
    {
        var milestone = await db.Milestones.Include(m => m.Agreement).Include(m => m.Area).Include(m => m.Owner).Include(m => m.TargetLab)
            .SingleOrDefaultAsync(m => m.Id == milestoneId && m.AgreementId == agreementId, ct);
        if (milestone is not null && milestone.Version != version)
            throw new DomainException(ChangedMeanwhile);
        return milestone;
    }

    private async Task<CollaborationArea?> AreaAsync(int? areaId, CancellationToken ct) =>
        areaId is null ? null : await db.CollaborationAreas.SingleOrDefaultAsync(x => x.Id == areaId, ct)
            ?? throw new DomainException("Choose a collaboration area from the list.");

    private async Task<Users.PortalUser?> OwnerAsync(string? ownerId, CancellationToken ct) =>
        ownerId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == ownerId, ct)
            ?? throw new DomainException("Choose an owner from the list.");

    // The fields as the history shows them: names rather than ids.
    private static Dictionary<string, string?> Snapshot(AgreementMilestone m) => new()
    {
        ["Title"] = m.Title,
        ["DueOn"] = m.DueOn.ToString("yyyy-MM-dd"),
        ["Area"] = m.Area?.Name,
        ["Owner"] = m.Owner?.DisplayName,
        ["Target"] = m.TargetText(),
    };

    private async Task ApplyTargetAsync(AgreementMilestone milestone, int universityId, MilestoneTarget target, CancellationToken ct)
    {
        var lab = target.LabId is null ? null
            : await db.HostLabs.SingleOrDefaultAsync(l => l.Id == target.LabId && l.UniversityId == universityId, ct)
              ?? throw new DomainException("Choose a lab of the agreement's university from the list.");
        milestone.SetTarget(target.Measure, target.Value, lab, target.Department, target.From, target.To);
    }
}
