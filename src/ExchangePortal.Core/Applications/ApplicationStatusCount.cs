namespace ExchangePortal.Core.Applications;

/// <summary>
/// How many applications of a cohort are in a status (split by whether they need their hospital's endorsement).
/// Kept by triggers on the Applications table (migration QueueIndexes), so the queue's counts and totals cost the same
/// at a thousand applications as at a million; read-only for the portal.
/// </summary>
public class ApplicationStatusCount
{
    public int CohortId { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public bool EndorsementRequired { get; private set; }
    public int Count { get; private set; }

    private ApplicationStatusCount() { }
}
