using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.HostLabs;

namespace ExchangePortal.Core.Cohorts;

public enum CohortStatus
{
    Planning,
    Open,
    Reviewing,
    InProgress,
    Completed,
    Cancelled,
}

public class ExchangeCohort
{
    public int Id { get; private set; }
    public int AgreementId { get; private set; }
    public Agreement Agreement { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public DateOnly ApplicationOpensOn { get; private set; }
    public DateOnly ApplicationClosesOn { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int Capacity { get; private set; }
    public bool RequiresEndorsement { get; private set; }
    public CohortStatus Status { get; private set; }
    public List<CohortLab> Labs { get; private set; } = [];

    private ExchangeCohort() { }

    public ExchangeCohort(Agreement agreement, string name, DateOnly opensOn, DateOnly closesOn,
        DateOnly startsOn, DateOnly endsOn, int capacity, bool requiresEndorsement)
    {
        Agreement = agreement;
        Name = name;
        Capacity = capacity;
        RequiresEndorsement = requiresEndorsement;
        Status = CohortStatus.Planning;
        Reschedule(opensOn, closesOn, startsOn, endsOn);
    }

    public void Reschedule(DateOnly opensOn, DateOnly closesOn, DateOnly startsOn, DateOnly endsOn)
    {
        if (closesOn < opensOn)
            throw new DomainException("The application window must close after it opens.");
        if (startsOn <= closesOn)
            throw new DomainException("The application window must close before the exchange starts.");
        if (endsOn <= startsOn)
            throw new DomainException("The exchange must end after it starts.");
        ApplicationOpensOn = opensOn;
        ApplicationClosesOn = closesOn;
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    public bool IsWindowOpen(DateOnly today) =>
        Status == CohortStatus.Open && ApplicationOpensOn <= today && today <= ApplicationClosesOn;

    public CohortLab AddLab(HostLab lab, int seats)
    {
        if (Labs.Any(l => ReferenceEquals(l.HostLab, lab) || (lab.Id != 0 && l.HostLabId == lab.Id)))
            throw new DomainException($"{lab.Name} already takes part in this cohort.");
        if (Labs.Sum(l => l.Seats) + seats > Capacity)
            throw new DomainException($"Seats per lab cannot add up to more than the cohort's capacity of {Capacity}.");
        var cohortLab = new CohortLab(this, lab, seats);
        Labs.Add(cohortLab);
        return cohortLab;
    }

    /// <summary>The cohort's key dates as milestones of its agreement.</summary>
    public IEnumerable<AgreementMilestone> KeyDateMilestones() =>
    [
        AgreementMilestone.ForCohort(this, MilestoneSource.CohortWindowOpens, $"{Name}: application window opens", ApplicationOpensOn),
        AgreementMilestone.ForCohort(this, MilestoneSource.CohortArrivals, $"{Name}: doctors arrive", StartsOn),
        AgreementMilestone.ForCohort(this, MilestoneSource.CohortCompletion, $"{Name}: exchange completes", EndsOn),
    ];

    public void Open() => MoveTo(CohortStatus.Open, CohortStatus.Planning);

    public void StartReviewing() => MoveTo(CohortStatus.Reviewing, CohortStatus.Open);

    public void StartExchange() => MoveTo(CohortStatus.InProgress, CohortStatus.Reviewing, CohortStatus.Open);

    public void Complete() => MoveTo(CohortStatus.Completed, CohortStatus.InProgress);

    public void Cancel() => MoveTo(CohortStatus.Cancelled, CohortStatus.Planning, CohortStatus.Open, CohortStatus.Reviewing);

    private void MoveTo(CohortStatus to, params CohortStatus[] from)
    {
        if (!from.Contains(Status))
            throw new DomainException($"A cohort that is {Status} cannot become {to}.");
        Status = to;
    }
}
