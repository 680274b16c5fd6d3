using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.HostLabs;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Users;

namespace ExchangePortal.UnitTests;

/// <summary>A small programme in memory: one cohort with a lab that has seats and a lab that is full.</summary>
public sealed class World
{
    public static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    public const string Doctor = "doctor-user";
    public const string Hospital = "hospital-user";
    public const string Coordinator = "coordinator-user";
    public const string Admin = "admin-user";

    private DateTimeOffset _clock = Start;

    public World(bool requiresEndorsement = true)
    {
        var university = new Institution(InstitutionKind.University, "Victoria Harbour University", "VHU", "Hong Kong");
        HospitalInstitution = new Institution(InstitutionKind.Hospital, "Beijing Capital Teaching Hospital", "BCTH", "Beijing");
        var agreement = new Agreement("Strategic Cooperation Agreement", university, HospitalInstitution,
            new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31));
        Cohort = new ExchangeCohort(agreement, "2026 Autumn cohort", new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 15),
            new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 20), capacity: 10, requiresEndorsement);
        Cohort.Open();
        OpenLab = Cohort.AddLab(Lab(university, "Cardiovascular Imaging Lab"), 5);
        FullLab = Cohort.AddLab(Lab(university, "Public Health Data Lab"), 1);
        var holder = NewApplication();
        holder.ChooseLabs([FullLab], Tick());
        holder.Submit(Doctor, Tick());
        if (requiresEndorsement)
            holder.Endorse(Hospital, Tick());
        holder.StartReview(Coordinator, Tick());
        holder.Approve(FullLab, "Prof. Yip", Cohort.StartsOn, Cohort.EndsOn, Start.AddDays(7), Coordinator, Tick());
    }

    public Institution HospitalInstitution { get; }
    public ExchangeCohort Cohort { get; }
    public CohortLab OpenLab { get; }
    public CohortLab FullLab { get; }

    /// <summary>Each step a minute later than the one before.</summary>
    public DateTimeOffset Tick() => _clock = _clock.AddMinutes(1);

    public ExchangeApplication NewApplication()
    {
        var doctor = new VisitingDoctor(new PortalUser { UserName = "doctor@test" }, HospitalInstitution, "Li Wei", "doctor@test");
        return new ExchangeApplication(Cohort, doctor, Doctor, Tick());
    }

    /// <summary>An application moved to <paramref name="status"/> through the same transitions people use.</summary>
    public ExchangeApplication InStatus(ApplicationStatus status)
    {
        var application = NewApplication();
        application.ChooseLabs([OpenLab, FullLab], Tick());
        foreach (var step in PathTo(status))
            step(application);
        Assert.Equal(status, application.Status);
        return application;
    }

    private IEnumerable<Action<ExchangeApplication>> PathTo(ApplicationStatus status)
    {
        Action<ExchangeApplication> submit = a => a.Submit(Doctor, Tick());
        Action<ExchangeApplication> endorse = a => a.Endorse(Hospital, Tick());
        Action<ExchangeApplication> review = a => a.StartReview(Coordinator, Tick());
        Action<ExchangeApplication> approve = a => a.Approve(OpenLab, "Prof. Chan", Cohort.StartsOn, Cohort.EndsOn, Start.AddDays(7), Coordinator, Tick());
        Action<ExchangeApplication> accept = a => a.AcceptOffer(Doctor, Tick());
        Action<ExchangeApplication> arrive = a => a.MarkArrived(Coordinator, Tick());
        return status switch
        {
            ApplicationStatus.Draft => [],
            ApplicationStatus.Submitted => [submit],
            ApplicationStatus.Endorsed => [submit, endorse],
            ApplicationStatus.NotEndorsed => [submit, a => a.DeclineEndorsement("Not now", Hospital, Tick())],
            ApplicationStatus.UnderReview => [submit, endorse, review],
            ApplicationStatus.ChangesRequested => [submit, endorse, review, a => a.RequestChanges("More detail", Coordinator, Tick())],
            ApplicationStatus.Waitlisted => [submit, endorse, review, a => a.Waitlist(FullLab, Coordinator, Tick())],
            ApplicationStatus.Offered => [submit, endorse, review, approve],
            ApplicationStatus.Confirmed => [submit, endorse, review, approve, accept],
            ApplicationStatus.Declined => [submit, endorse, review, approve, a => a.DeclineOffer(Doctor, Tick())],
            ApplicationStatus.InProgress => [submit, endorse, review, approve, accept, arrive],
            ApplicationStatus.Completed => [submit, endorse, review, approve, accept, arrive, a => a.Complete(true, Coordinator, Tick())],
            ApplicationStatus.Rejected => [submit, endorse, review, a => a.Reject("No fit", Coordinator, Tick())],
            ApplicationStatus.Withdrawn => [a => a.Withdraw(Doctor, Tick())],
            ApplicationStatus.Cancelled => [submit, endorse, review, approve, accept, a => a.Cancel("Permit refused", Admin, Tick())],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }

    private static HostLab Lab(Institution university, string name) =>
        new(university, name, "Department of Medicine", "Prof. Chan", "chan@vhu.test", ["Cardiology"], "A lab.", 2);
}
