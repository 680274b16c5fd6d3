using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.HostLabs;
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

/// <summary>What a milestone's target counts, computed from the portal's own records.</summary>
public enum MilestoneMeasure
{
    /// <summary>Doctors placed: placements that hold a seat, optionally in one lab or department and within dates.</summary>
    DoctorsPlaced,

    /// <summary>Cohorts of this agreement that have completed.</summary>
    CohortsCompleted,

    /// <summary>End-of-stay reports filed by doctors of this agreement's cohorts.</summary>
    ReportsFiled,
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
    public uint Version { get; private set; }

    /// <summary>What the target counts; null when the milestone has no target.</summary>
    public MilestoneMeasure? Measure { get; private set; }
    public int? TargetValue { get; private set; }
    public int? TargetLabId { get; private set; }
    public HostLab? TargetLab { get; private set; }
    public string? TargetDepartment { get; private set; }
    public DateOnly? TargetFrom { get; private set; }
    public DateOnly? TargetTo { get; private set; }

    /// <summary>Staff who follow this milestone (its owner need not follow it): it appears in their calendar feed.</summary>
    public IReadOnlyCollection<PortalUser> Followers => _followers;
    private readonly List<PortalUser> _followers = [];

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

    /// <summary>Corrects the milestone; a cohort's key-date milestone keeps the title and date it takes from the cohort.</summary>
    public void Edit(string title, DateOnly dueOn, CollaborationArea? area, PortalUser? owner)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("Give the milestone a title.");
        title = title.Trim();
        if (!MilestoneRules.CanReschedule(Source) && (title != Title || dueOn != DueOn))
            throw new DomainException("This milestone follows its cohort's dates: change its title and due date by editing the cohort.");
        Title = title;
        DueOn = dueOn;
        Area = area;
        AreaId = area?.Id;
        Owner = owner;
        OwnerId = owner?.Id;
    }

    /// <summary>Refuses to delete a milestone that carries a record: evidence, a completion, or a cohort's key date.</summary>
    public void EnsureDeletable()
    {
        if (!MilestoneRules.CanReschedule(Source))
            throw new DomainException("This milestone follows its cohort's dates and is kept while the cohort exists.");
        if (!MilestoneRules.CanDelete(Source, EvidenceNote, CompletedOn))
            throw new DomainException("This milestone has evidence recorded and is kept; mark it missed instead.");
    }

    /// <summary>Gives the milestone a target counted from real data; the lab, department and dates narrow placements only.</summary>
    public void SetTarget(MilestoneMeasure measure, int value, HostLab? lab = null, string? department = null,
        DateOnly? from = null, DateOnly? to = null)
    {
        if (value < 1)
            throw new DomainException("A target must be at least 1.");
        if (from is not null && to is not null && to < from)
            throw new DomainException("The target's period cannot end before it starts.");
        if (measure != MilestoneMeasure.DoctorsPlaced && (lab is not null || !string.IsNullOrWhiteSpace(department) || from is not null || to is not null))
            throw new DomainException("Only a target of doctors placed can be narrowed to a lab, a department or dates.");
        Measure = measure;
        TargetValue = value;
        TargetLab = lab;
        TargetLabId = lab?.Id;
        TargetDepartment = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        TargetFrom = from;
        TargetTo = to;
    }

    public void ClearTarget()
    {
        Measure = null;
        TargetValue = null;
        TargetLab = null;
        TargetLabId = null;
        TargetDepartment = null;
        TargetFrom = null;
        TargetTo = null;
    }

    /// <summary>The target in words, for the audit trail: "DoctorsPlaced 20, Cardiovascular Imaging Lab, 2026-01-01 to 2026-12-31".</summary>
    public string? TargetText()
    {
        if (Measure is null)
            return null;
        var parts = new List<string?> { $"{Measure} {TargetValue}", TargetLab?.Name ?? (TargetLabId is { } lab ? $"lab {lab}" : null), TargetDepartment };
        if (TargetFrom is not null || TargetTo is not null)
            parts.Add($"{TargetFrom:yyyy-MM-dd} to {TargetTo:yyyy-MM-dd}".Trim());
        return string.Join(", ", parts.Where(p => !string.IsNullOrEmpty(p)));
    }

    public bool IsOverdue(DateOnly today) => MilestoneRules.IsOverdue(Status, DueOn, today);

    public void Follow(PortalUser user)
    {
        if (_followers.All(f => f.Id != user.Id))
            _followers.Add(user);
    }

    public void Unfollow(string userId) => _followers.RemoveAll(f => f.Id == userId);

    public void Start()
    {
        Require(MilestoneAction.Start, $"Only a planned milestone can be started; this one is {Status}.");
        Status = MilestoneStatus.InProgress;
    }

    public void Complete(DateOnly completedOn, string? evidenceNote)
    {
        Require(MilestoneAction.Complete, Closed());
        Status = MilestoneStatus.Done;
        CompletedOn = completedOn;
        EvidenceNote = evidenceNote;
    }

    public void MarkMissed(string? note)
    {
        Require(MilestoneAction.Miss, Closed());
        Status = MilestoneStatus.Missed;
        EvidenceNote = note;
    }

    private string Closed() => Status == MilestoneStatus.Done ? "This milestone is already done." : "This milestone was marked missed.";

    private void Require(MilestoneAction action, string refusal)
    {
        if (!MilestoneRules.CanTake(action, Status))
            throw new DomainException(refusal);
    }
}
