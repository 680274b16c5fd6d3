namespace ExchangePortal.Core.Cohorts;

public enum CohortAction
{
    Open,
    StartReviewing,
    StartExchange,
    Complete,
    Cancel,
}

/// <summary>A cohort's moves, stated once for the entity's guard and the page's buttons.</summary>
public static class CohortRules
{
    private static readonly Dictionary<CohortAction, (CohortStatus To, CohortStatus[] From)> Moves = new()
    {
        [CohortAction.Open] = (CohortStatus.Open, [CohortStatus.Planning]),
        [CohortAction.StartReviewing] = (CohortStatus.Reviewing, [CohortStatus.Open]),
        [CohortAction.StartExchange] = (CohortStatus.InProgress, [CohortStatus.Open, CohortStatus.Reviewing]),
        [CohortAction.Complete] = (CohortStatus.Completed, [CohortStatus.InProgress]),
        [CohortAction.Cancel] = (CohortStatus.Cancelled, [CohortStatus.Planning, CohortStatus.Open, CohortStatus.Reviewing]),
    };

    /// <summary>The status the action leads to; a DomainException for a value that is not an action.</summary>
    public static CohortStatus Target(CohortAction action) =>
        Moves.TryGetValue(action, out var move) ? move.To : throw new DomainException("Unknown cohort action.");

    public static bool CanTake(CohortAction action, CohortStatus from) => Moves.TryGetValue(action, out var move) && move.From.Contains(from);

    /// <summary>The actions a cohort in this status can take, in the order the page offers them.</summary>
    public static IEnumerable<CohortAction> ActionsFrom(CohortStatus from) => Enum.GetValues<CohortAction>().Where(a => CanTake(a, from));

    /// <summary>Completed and cancelled cohorts are over; every other cohort is open work.</summary>
    public static readonly CohortStatus[] Ended = [CohortStatus.Completed, CohortStatus.Cancelled];

    /// <summary>Completed and cancelled cohorts are kept as they were.</summary>
    public static bool CanEdit(CohortStatus status) => !Ended.Contains(status);
}
