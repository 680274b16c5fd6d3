using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Core.Agreements;

/// <summary>A target to count from real data; the lab, department and dates narrow doctors placed only.</summary>
public sealed record MilestoneTarget(MilestoneMeasure Measure, int Value, int? LabId = null, string? Department = null,
    DateOnly? From = null, DateOnly? To = null);

public sealed record NewMilestone(string Title, DateOnly DueOn, int? AreaId, string? OwnerId, MilestoneTarget? Target = null);

/// <summary>The programme office adds milestones, moves them through their statuses, sets their targets; staff follow them.</summary>
public class MilestoneAdministration(PortalDbContext db, ProgrammeClock clock)
{
    /// <returns>false when there is no such agreement.</returns>
    public async Task<bool> AddAsync(int agreementId, NewMilestone input, string actorId, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null)
            return false;
        var area = input.AreaId is null ? null : await db.CollaborationAreas.SingleOrDefaultAsync(x => x.Id == input.AreaId, ct)
            ?? throw new DomainException("Choose a collaboration area from the list.");
        var owner = input.OwnerId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == input.OwnerId, ct)
            ?? throw new DomainException("Choose an owner from the list.");
        var milestone = new AgreementMilestone(agreement, input.Title.Trim(), input.DueOn, area, owner);
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

    private async Task ApplyTargetAsync(AgreementMilestone milestone, int universityId, MilestoneTarget target, CancellationToken ct)
    {
        var lab = target.LabId is null ? null
            : await db.HostLabs.SingleOrDefaultAsync(l => l.Id == target.LabId && l.UniversityId == universityId, ct)
              ?? throw new DomainException("Choose a lab of the agreement's university from the list.");
        milestone.SetTarget(target.Measure, target.Value, lab, target.Department, target.From, target.To);
    }
}
