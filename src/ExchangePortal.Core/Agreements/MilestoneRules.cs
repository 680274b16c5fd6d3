namespace ExchangePortal.Core.Agreements;

public enum MilestoneAction
{
    Start,
    Complete,
    Miss,
}

/// <summary>
/// A milestone's statuses and moves, stated once for the entity, the queries and the views. Planned and in-progress
/// milestones are open; done and missed ones are closed. Overdue = open after its due date.
/// </summary>
public static class MilestoneRules
{
    /// <summary>Usable inside EF queries: <c>MilestoneRules.OpenStatuses.Contains(m.Status)</c> becomes SQL.</summary>
    public static readonly MilestoneStatus[] OpenStatuses = [MilestoneStatus.Planned, MilestoneStatus.InProgress];

    private static readonly Dictionary<MilestoneAction, MilestoneStatus[]> AllowedFrom = new()
    {
        [MilestoneAction.Start] = [MilestoneStatus.Planned],
        [MilestoneAction.Complete] = OpenStatuses,
        [MilestoneAction.Miss] = OpenStatuses,
    };

    public static bool IsOpen(MilestoneStatus status) => OpenStatuses.Contains(status);

    public static bool IsOverdue(MilestoneStatus status, DateOnly dueOn, DateOnly today) => IsOpen(status) && dueOn < today;

    public static bool CanTake(MilestoneAction action, MilestoneStatus status) =>
        AllowedFrom.TryGetValue(action, out var from) && from.Contains(status);

    /// <summary>Manual milestones can be given another title and date; a cohort's key dates follow the cohort.</summary>
    public static bool CanReschedule(MilestoneSource source) => source == MilestoneSource.Manual;

    /// <summary>Only a manual milestone with no evidence and no completion recorded can be deleted.</summary>
    public static bool CanDelete(MilestoneSource source, string? evidenceNote, DateOnly? completedOn) =>
        CanReschedule(source) && evidenceNote is null && completedOn is null;
}
