using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Doctors;

namespace ExchangePortal.Core.Applications;

/// <summary>One doctor's application to one cohort, and the state machine it moves through.</summary>
public class ExchangeApplication
{
    // ApplicationReview and ApplicantApplications read the choices as one column per rank: change them with this.
    public const int MaxLabChoices = 3;

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public ExchangeCohort Cohort { get; private set; } = null!;
    public int DoctorId { get; private set; }
    public VisitingDoctor Doctor { get; private set; } = null!;
    public ApplicationStatus Status { get; private set; }
    public string Plan { get; private set; } = "";
    public DateOnly? IntendedStartOn { get; private set; }
    public DateOnly? IntendedEndOn { get; private set; }
    public bool EndorsementRequired { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? OfferRespondBy { get; private set; }
    public int? WaitlistedForId { get; private set; }
    public CohortLab? WaitlistedFor { get; private set; }
    public DateTimeOffset? WaitlistedAt { get; private set; }
    public uint Version { get; private set; }

    private readonly List<LabChoice> _labChoices = [];
    private readonly List<ApplicationStatusChange> _history = [];

    public IReadOnlyList<LabChoice> LabChoices => _labChoices;
    public IReadOnlyList<ApplicationStatusChange> History => _history;
    public Placement? Placement { get; private set; }

    private ExchangeApplication() { }

    public ExchangeApplication(ExchangeCohort cohort, VisitingDoctor doctor, string actorId, DateTimeOffset now)
    {
        Cohort = cohort;
        Doctor = doctor;
        Status = ApplicationStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        _history.Add(new ApplicationStatusChange(null, ApplicationStatus.Draft, actorId, now, null));
    }

    public void EditPlan(string plan, DateOnly? intendedStartOn, DateOnly? intendedEndOn, DateTimeOffset now)
    {
        Require("edit", ApplicationAction.Edit);
        if (intendedStartOn is { } start && intendedEndOn is { } end && end < start)
            throw new DomainException("The intended end date must not be before the intended start date.");
        if (intendedStartOn < Cohort.StartsOn || intendedEndOn > Cohort.EndsOn)
            throw new DomainException($"Your intended dates must fall within the exchange dates ({Cohort.StartsOn:d MMM yyyy} to {Cohort.EndsOn:d MMM yyyy}).");
        Plan = plan;
        IntendedStartOn = intendedStartOn;
        IntendedEndOn = intendedEndOn;
        UpdatedAt = now;
    }

    /// <summary>Replaces the ranked lab choices; the first in the list is the first choice.</summary>
    public void ChooseLabs(IReadOnlyList<CohortLab> labs, DateTimeOffset now)
    {
        Require("change the lab choices of", ApplicationAction.Edit);
        if (labs.Count > MaxLabChoices)
            throw new DomainException($"Choose at most {MaxLabChoices} labs.");
        if (labs.Distinct().Count() != labs.Count)
            throw new DomainException("Choose each lab only once.");
        if (!labs.All(TakesPartInCohort))
            throw new DomainException("Choose only labs that take part in this cohort.");
        _labChoices.Clear();
        _labChoices.AddRange(labs.Select((lab, i) => new LabChoice(lab, i + 1)));
        UpdatedAt = now;
    }

    public void Submit(string actorId, DateTimeOffset now)
    {
        Require("submit", ApplicationAction.Submit);
        if (LabChoices.Count == 0)
            throw new DomainException("Choose at least one host lab before submitting.");
        EndorsementRequired = Cohort.RequiresEndorsement;
        SubmittedAt = now;
        MoveTo(ApplicationStatus.Submitted, actorId, now);
    }

    public void Endorse(string actorId, DateTimeOffset now, string? comment = null)
    {
        Require("endorse", ApplicationAction.Endorse);
        if (!EndorsementRequired)
            throw new DomainException("This cohort does not use hospital endorsement.");
        MoveTo(ApplicationStatus.Endorsed, actorId, now, comment);
    }

    public void DeclineEndorsement(string reason, string actorId, DateTimeOffset now)
    {
        Require("decline to endorse", ApplicationAction.Endorse);
        if (!EndorsementRequired)
            throw new DomainException("This cohort does not use hospital endorsement.");
        MoveTo(ApplicationStatus.NotEndorsed, actorId, now, Required(reason, "a reason"));
    }

    public void StartReview(string actorId, DateTimeOffset now)
    {
        if (Status == ApplicationStatus.Submitted && EndorsementRequired)
            throw new DomainException("This application is waiting for its hospital's endorsement.");
        Require("start reviewing", ApplicationAction.StartReview);
        MoveTo(ApplicationStatus.UnderReview, actorId, now);
    }

    public void RequestChanges(string comment, string actorId, DateTimeOffset now)
    {
        Require("request changes to", ApplicationAction.RequestChanges);
        MoveTo(ApplicationStatus.ChangesRequested, actorId, now, Required(comment, "a comment saying what to change"));
    }

    public void Resubmit(string actorId, DateTimeOffset now)
    {
        Require("resubmit", ApplicationAction.Resubmit);
        if (LabChoices.Count == 0)
            throw new DomainException("Choose at least one host lab before resubmitting.");
        MoveTo(ApplicationStatus.UnderReview, actorId, now);
    }

    /// <summary>Offers a seat in <paramref name="lab"/>: takes the seat and records the placement.</summary>
    /// <param name="actorId">Null when the portal offers a freed seat to the waitlist by itself.</param>
    public Placement Approve(CohortLab lab, string supervisor, DateOnly startsOn, DateOnly endsOn,
        DateTimeOffset respondBy, string? actorId, DateTimeOffset now, string? comment = null)
    {
        Require("approve", ApplicationAction.Approve);
        if (!TakesPartInCohort(lab))
            throw new DomainException("That lab does not take part in this application's cohort.");
        if (endsOn < startsOn)
            throw new DomainException("The placement must end after it starts.");
        if (startsOn < Cohort.StartsOn || endsOn > Cohort.EndsOn)
            throw new DomainException($"The placement must fall within the cohort's dates ({Cohort.StartsOn:d MMM yyyy} to {Cohort.EndsOn:d MMM yyyy}).");
        if (respondBy <= now)
            throw new DomainException("The response deadline must be in the future.");
        lab.TakeSeat();
        Placement = new Placement(this, lab, Required(supervisor, "a supervisor"), startsOn, endsOn, now);
        OfferRespondBy = respondBy;
        WaitlistedFor = null;
        WaitlistedForId = null;
        WaitlistedAt = null;
        MoveTo(ApplicationStatus.Offered, actorId, now, comment);
        return Placement;
    }

    public void Waitlist(CohortLab lab, string actorId, DateTimeOffset now)
    {
        Require("waitlist", ApplicationAction.Waitlist);
        if (!TakesPartInCohort(lab))
            throw new DomainException("That lab does not take part in this application's cohort.");
        if (lab.SeatsFree > 0)
            throw new DomainException("That lab still has a free seat: approve the application instead.");
        WaitlistedFor = lab;
        WaitlistedAt = now;
        MoveTo(ApplicationStatus.Waitlisted, actorId, now, $"Waitlisted for {lab.HostLab?.Name ?? "the lab"}");
    }

    public void Reject(string reason, string actorId, DateTimeOffset now)
    {
        Require("reject", ApplicationAction.Reject);
        WaitlistedFor = null;
        WaitlistedForId = null;
        MoveTo(ApplicationStatus.Rejected, actorId, now, Required(reason, "a reason"));
    }

    public void AcceptOffer(string actorId, DateTimeOffset now)
    {
        Require("accept the offer of", ApplicationAction.AnswerOffer);
        if (now > OfferRespondBy)
            throw new DomainException("The deadline to answer this offer has passed.");
        MoveTo(ApplicationStatus.Confirmed, actorId, now);
    }

    public void DeclineOffer(string actorId, DateTimeOffset now, string? comment = null)
    {
        Require("decline the offer of", ApplicationAction.AnswerOffer);
        ReleaseSeat(now);
        MoveTo(ApplicationStatus.Declined, actorId, now, comment);
    }

    /// <summary>The offer was not answered by its deadline: it lapses and the seat is freed.</summary>
    public void LapseOffer(DateTimeOffset now)
    {
        Require("let lapse the offer of", ApplicationAction.AnswerOffer);
        if (now <= OfferRespondBy)
            throw new DomainException("The offer's deadline has not passed yet.");
        ReleaseSeat(now);
        MoveTo(ApplicationStatus.Declined, null, now, "The offer lapsed: it was not answered by its deadline.");
    }

    public void MarkArrived(string actorId, DateTimeOffset now)
    {
        Require("mark as arrived", ApplicationAction.MarkArrived);
        MoveTo(ApplicationStatus.InProgress, actorId, now);
    }

    public void Complete(bool endOfStayReportFiled, string actorId, DateTimeOffset now)
    {
        Require("complete", ApplicationAction.Complete);
        if (!endOfStayReportFiled)
            throw new DomainException("The end-of-stay report must be filed before the stay can be completed.");
        MoveTo(ApplicationStatus.Completed, actorId, now);
    }

    public void Withdraw(string actorId, DateTimeOffset now, string? comment = null)
    {
        Require("withdraw", ApplicationAction.Withdraw);
        ReleaseSeat(now);
        WaitlistedFor = null;
        WaitlistedForId = null;
        MoveTo(ApplicationStatus.Withdrawn, actorId, now, comment);
    }

    public void Cancel(string reason, string actorId, DateTimeOffset now)
    {
        Require("cancel", ApplicationAction.Cancel);
        var why = Required(reason, "a reason");
        ReleaseSeat(now);
        MoveTo(ApplicationStatus.Cancelled, actorId, now, why);
    }

    /// <summary>A coordinator verified or returned one of the pre-arrival documents: written to the history, the status unchanged.</summary>
    public void RecordDocumentCheck(string comment, string actorId, DateTimeOffset now)
    {
        Require("check the documents of", ApplicationAction.VerifyDocuments);
        _history.Add(new ApplicationStatusChange(Status, Status, actorId, now, comment));
        UpdatedAt = now;
    }

    private bool TakesPartInCohort(CohortLab lab) =>
        lab.CohortId != 0 && CohortId != 0 ? lab.CohortId == CohortId : ReferenceEquals(lab.Cohort, Cohort);

    private void ReleaseSeat(DateTimeOffset now) => Placement?.Release(now);

    // The endorsement conditions are checked with their own messages before this; the table gives the statuses.
    private void Require(string action, ApplicationAction rule)
    {
        if (!ApplicationRules.From(rule).Contains(Status))
            throw new DomainException($"You cannot {action} an application that is {Status.Describe()}.");
    }

    private static string Required(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException($"Please give {what}.") : text.Trim();

    private void MoveTo(ApplicationStatus to, string? actorId, DateTimeOffset now, string? comment = null)
    {
        _history.Add(new ApplicationStatusChange(Status, to, actorId, now, comment));
        Status = to;
        UpdatedAt = now;
    }
}
