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

public class ExchangeCohort : Auditing.IFieldAudited
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
    public uint Version { get; private set; }
    /// <summary>Why the cohort was cancelled, told to every applicant and hospital coordinator; null unless cancelled.</summary>
    public string? CancellationReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public IReadOnlyList<CohortLab> Labs => _labs;
    private readonly List<CohortLab> _labs = [];
    public IReadOnlyList<CohortClearanceItem> ClearanceItems => _clearanceItems;
    private readonly List<CohortClearanceItem> _clearanceItems = [];

    private ExchangeCohort() { }

    public ExchangeCohort(Agreement agreement, string name, DateOnly opensOn, DateOnly closesOn,
        DateOnly startsOn, DateOnly endsOn, int capacity, bool requiresEndorsement)
    {
        if (capacity < 0)
            throw new DomainException("Capacity cannot be negative.");
        Agreement = agreement;
        Status = CohortStatus.Planning;
        Rename(name);
        Capacity = capacity;
        RequiresEndorsement = requiresEndorsement;
        Reschedule(opensOn, closesOn, startsOn, endsOn);
        RequireForClearance(Clearance.ClearanceRules.DefaultRequired);
    }

    /// <summary>The documents each confirmed doctor must have verified before arrival (<see cref="Clearance.ClearanceRules"/>).</summary>
    public void RequireForClearance(IReadOnlyCollection<Documents.DocumentKind> kinds)
    {
        if (kinds.Any(k => !Clearance.ClearanceRules.PreArrivalKinds.Contains(k)))
            throw new DomainException("Choose the required documents from the list of pre-arrival documents.");
        _clearanceItems.RemoveAll(i => !kinds.Contains(i.Kind));
        foreach (var kind in kinds.Distinct().Where(k => _clearanceItems.All(i => i.Kind != k)))
            _clearanceItems.Add(new CohortClearanceItem(kind));
    }

    public void Rename(string name)
    {
        EnsureEditable();
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("A cohort needs a name.");
        Name = name.Trim();
    }

    public void SetRequiresEndorsement(bool requiresEndorsement)
    {
        EnsureEditable();
        RequiresEndorsement = requiresEndorsement;
    }

    public int SeatsTaken => Labs.Sum(l => l.SeatsTaken);

    public void ChangeCapacity(int capacity)
    {
        EnsureEditable();
        if (capacity < SeatsTaken)
            throw new DomainException($"{SeatsTaken} seats are already taken; the capacity cannot go below that.");
        if (Labs.Sum(l => l.Seats) > capacity)
            throw new DomainException($"Seats per lab cannot add up to more than the cohort's capacity of {capacity}.");
        Capacity = capacity;
    }

    /// <summary>A lab leaves the cohort only while nobody holds or chose one of its seats.</summary>
    public void RemoveLab(CohortLab lab, bool chosenByAnApplication)
    {
        EnsureEditable();
        if (lab.SeatsTaken > 0)
            throw new DomainException($"{lab.HostLab.Name} cannot leave the cohort: {lab.SeatsTaken} of its seats are taken.");
        if (chosenByAnApplication)
            throw new DomainException($"{lab.HostLab.Name} cannot leave the cohort: applications have chosen it.");
        _labs.Remove(lab);
    }

    /// <summary>Sets the capacity and the labs taking part with their seats in one step, checked as a whole before anything changes.</summary>
    public void Replan(int capacity, IReadOnlyList<(HostLab Lab, int Seats)> labs, IReadOnlySet<int> chosenCohortLabIds)
    {
        EnsureEditable();
        if (capacity < 0)
            throw new DomainException("Capacity cannot be negative.");
        if (labs.Any(l => l.Seats < 0))
            throw new DomainException("Seats cannot be negative.");
        if (labs.Select(l => l.Lab).Distinct().Count() != labs.Count)
            throw new DomainException("Each lab can take part only once.");
        if (labs.Sum(l => l.Seats) > capacity)
            throw new DomainException($"Seats per lab cannot add up to more than the cohort's capacity of {capacity}.");
        var leaving = Labs.Where(cl => !labs.Any(l => IsSameLab(cl, l.Lab))).ToList();
        foreach (var cohortLab in Labs.Except(leaving))
        {
            var seats = labs.Single(l => IsSameLab(cohortLab, l.Lab)).Seats;
            if (seats < cohortLab.SeatsTaken)
                throw new DomainException($"{cohortLab.HostLab.Name}: {cohortLab.SeatsTaken} seats are already taken; seats cannot go below that.");
        }
        foreach (var cohortLab in leaving)
            RemoveLab(cohortLab, chosenCohortLabIds.Contains(cohortLab.Id));
        Capacity = capacity;
        foreach (var (lab, seats) in labs)
        {
            var existing = Labs.FirstOrDefault(cl => IsSameLab(cl, lab));
            if (existing is null)
                AddLab(lab, seats);
            else
                existing.ChangeSeats(seats);
        }
    }

    public void Reschedule(DateOnly opensOn, DateOnly closesOn, DateOnly startsOn, DateOnly endsOn)
    {
        EnsureEditable();
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
        EnsureEditable();
        if (Labs.Any(l => IsSameLab(l, lab)))
            throw new DomainException($"{lab.Name} already takes part in this cohort.");
        if (Labs.Sum(l => l.Seats) + seats > Capacity)
            throw new DomainException($"Seats per lab cannot add up to more than the cohort's capacity of {Capacity}.");
        var cohortLab = new CohortLab(this, lab, seats);
        _labs.Add(cohortLab);
        return cohortLab;
    }

    public const int MaxNameLength = 200;

    /// <summary>The longest interval a cohort is copied forward by is ten years; these bound each part of it.</summary>
    public const int MaxCopyMonths = 120;
    public const int MaxCopyDays = 3660;

    /// <summary>
    /// The next cycle: a new cohort in planning under the same agreement, every date moved by the interval, with the same
    /// capacity and the same labs and seats (those still active). This cohort is left as it is.
    /// </summary>
    public ExchangeCohort CopyToNextCycle(int months, int days)
    {
        if (months < 0 || days < 0 || months + days == 0)
            throw new DomainException("Choose an interval of at least one day.");
        if (months > MaxCopyMonths || days > MaxCopyDays || StartsOn.AddMonths(months).AddDays(days) > StartsOn.AddYears(10))
            throw new DomainException("Choose an interval of at most 10 years.");
        DateOnly Shift(DateOnly day) => day.AddMonths(months).AddDays(days);
        var copy = new ExchangeCohort(Agreement, NextCycleName(Name, StartsOn.Year, Shift(StartsOn).Year), Shift(ApplicationOpensOn),
            Shift(ApplicationClosesOn), Shift(StartsOn), Shift(EndsOn), Capacity, RequiresEndorsement);
        foreach (var lab in Labs.Where(l => l.HostLab.IsActive))
            copy.AddLab(lab.HostLab, lab.Seats);
        copy.RequireForClearance(ClearanceItems.Select(i => i.Kind).ToList());
        return copy;
    }

    /// <summary>"2026 Spring cohort" moved into 2027 becomes "2027 Spring cohort"; a name without its year gets " (copy)".</summary>
    public static string NextCycleName(string name, int fromYear, int toYear)
    {
        var (from, to) = (fromYear.ToString(System.Globalization.CultureInfo.InvariantCulture), toYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (fromYear != toYear && name.Contains(from, StringComparison.Ordinal))
            return name.Replace(from, to, StringComparison.Ordinal);
        const string suffix = " (copy)";
        return (name.Length + suffix.Length > MaxNameLength ? name[..(MaxNameLength - suffix.Length)] : name) + suffix;
    }

    /// <summary>The cohort's key dates as milestones of its agreement.</summary>
    public IEnumerable<AgreementMilestone> KeyDateMilestones() =>
        new[] { MilestoneSource.CohortWindowOpens, MilestoneSource.CohortArrivals, MilestoneSource.CohortCompletion }
            .Select(source =>
            {
                var (title, dueOn) = KeyDate(source);
                return AgreementMilestone.ForCohort(this, source, title, dueOn);
            })
            .ToList();

    /// <summary>The title and date a key-date milestone of this cohort carries.</summary>
    public (string Title, DateOnly DueOn) KeyDate(MilestoneSource source) => source switch
    {
        MilestoneSource.CohortWindowOpens => ($"{Name}: application window opens", ApplicationOpensOn),
        MilestoneSource.CohortArrivals => ($"{Name}: doctors arrive", StartsOn),
        MilestoneSource.CohortCompletion => ($"{Name}: exchange completes", EndsOn),
        _ => throw new DomainException("A manual milestone is not one of the cohort's key dates."),
    };

    public void Open() => Take(CohortAction.Open);

    public void StartReviewing() => Take(CohortAction.StartReviewing);

    public void StartExchange() => Take(CohortAction.StartExchange);

    public void Complete() => Take(CohortAction.Complete);

    public const int MaxCancellationReasonLength = 2000;

    /// <summary>Cancels the cohort with a reason (its applications are withdrawn or cancelled by <see cref="CohortCancellation"/>).</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Please give a reason for cancelling the cohort.");
        Move(CohortAction.Cancel);
        CancellationReason = reason.Trim();
        CancelledAt = now;
    }

    /// <summary>Moves the cohort as <see cref="CohortRules"/> allow; cancelling needs a reason (<see cref="Cancel"/>).</summary>
    public void Take(CohortAction action)
    {
        if (action == CohortAction.Cancel)
            throw new DomainException("A cohort is cancelled with a reason: use “Cancel the cohort”.");
        Move(action);
    }

    private void Move(CohortAction action)
    {
        var to = CohortRules.Target(action);
        if (!CohortRules.CanTake(action, Status))
            throw new DomainException($"A cohort that is {Status} cannot become {to}.");
        Status = to;
    }

    private static bool IsSameLab(CohortLab cohortLab, HostLab lab) =>
        ReferenceEquals(cohortLab.HostLab, lab) || (lab.Id != 0 && cohortLab.HostLabId == lab.Id);

    private void EnsureEditable()
    {
        if (!CohortRules.CanEdit(Status))
            throw new DomainException($"A cohort that is {Status} can no longer be changed.");
    }
}
