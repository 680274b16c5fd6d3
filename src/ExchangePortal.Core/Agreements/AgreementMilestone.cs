using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Agreements;

public enum MilestoneStatus
{
    Planned,
    InProgress,
    Done,
    Missed,
}

/// <summary>Manual milestones are entered by people; the others mirror a cohort's key dates.</summary>
public enum MilestoneSource
{
    Manual,
    CohortWindowOpens,
    CohortArrivals,
    CohortCompletion,
}

public class AgreementMilestone
{
    public int Id { get; private set; }
    public int AgreementId { get; private set; }
    public Agreement Agreement { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public int? AreaId { get; private set; }
    public CollaborationArea? Area { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? OwnerId { get; private set; }
    public PortalUser? Owner { get; private set; }
    public MilestoneStatus Status { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? EvidenceNote { get; private set; }
    public MilestoneSource Source { get; private set; }
    public int? CohortId { get; private set; }
    public ExchangeCohort? Cohort { get; private set; }

    private AgreementMilestone() { }

    public AgreementMilestone(Agreement agreement, string title, DateOnly dueOn, CollaborationArea? area = null, PortalUser? owner = null)
    {
        Agreement = agreement;
        Title = title;
        DueOn = dueOn;
        Area = area;
        Owner = owner;
        Status = MilestoneStatus.Planned;
        Source = MilestoneSource.Manual;
    }

    public static AgreementMilestone ForCohort(ExchangeCohort cohort, MilestoneSource source, string title, DateOnly dueOn) =>
        new(cohort.Agreement, title, dueOn) { Source = source, Cohort = cohort };

    /// <summary>A cohort's milestone moves with the cohort's dates (and name); a done one keeps the date it had.</summary>
    public void FollowCohort(ExchangeCohort cohort)
    {
        var ofThisCohort = Cohort is not null ? ReferenceEquals(Cohort, cohort) : CohortId == cohort.Id;
        if (Source == MilestoneSource.Manual || !ofThisCohort)
            throw new DomainException("Only the milestones of this cohort's key dates move with the cohort.");
        var (title, dueOn) = cohort.KeyDate(Source);
        Title = title;
        if (Status != MilestoneStatus.Done)
            DueOn = dueOn;
    }

    public bool IsOverdue(DateOnly today) => Status != MilestoneStatus.Done && DueOn < today;

    public void Start()
    {
        if (Status != MilestoneStatus.Planned)
            throw new DomainException($"Only a planned milestone can be started; this one is {Status}.");
        Status = MilestoneStatus.InProgress;
    }

    public void Complete(DateOnly completedOn, string? evidenceNote)
    {
        if (Status is MilestoneStatus.Done)
            throw new DomainException("This milestone is already done.");
        Status = MilestoneStatus.Done;
        CompletedOn = completedOn;
        EvidenceNote = evidenceNote;
    }

    public void MarkMissed(string? note)
    {
        if (Status is MilestoneStatus.Done or MilestoneStatus.Missed)
            throw new DomainException($"This milestone is already {Status}.");
        Status = MilestoneStatus.Missed;
        EvidenceNote = note;
    }
}
