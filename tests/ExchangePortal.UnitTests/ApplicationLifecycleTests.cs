using ExchangePortal.Core;
using ExchangePortal.Core.Applications;

namespace ExchangePortal.UnitTests;

public class ApplicationLifecycleTests
{
    private sealed record Transition(string Name, string Actor, ApplicationStatus To, ApplicationStatus[] From,
        Action<ExchangeApplication, World, DateTimeOffset> Act);

    private static readonly ApplicationStatus[] BeforeArrival =
    [
        ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Endorsed, ApplicationStatus.UnderReview,
        ApplicationStatus.ChangesRequested, ApplicationStatus.Waitlisted, ApplicationStatus.Offered, ApplicationStatus.Confirmed,
    ];

    // The lifecycle table of PRODUCT.md: each transition, who makes it, the states it leaves from and the one it reaches.
    private static readonly Transition[] Transitions =
    [
        new("submit", World.Doctor, ApplicationStatus.Submitted, [ApplicationStatus.Draft],
            (a, w, at) => a.Submit(World.Doctor, at)),
        new("endorse", World.Hospital, ApplicationStatus.Endorsed, [ApplicationStatus.Submitted],
            (a, w, at) => a.Endorse(World.Hospital, at)),
        new("decline endorsement", World.Hospital, ApplicationStatus.NotEndorsed, [ApplicationStatus.Submitted],
            (a, w, at) => a.DeclineEndorsement("Cannot be released", World.Hospital, at)),
        new("start review", World.Coordinator, ApplicationStatus.UnderReview, [ApplicationStatus.Endorsed],
            (a, w, at) => a.StartReview(World.Coordinator, at)),
        new("request changes", World.Coordinator, ApplicationStatus.ChangesRequested, [ApplicationStatus.UnderReview],
            (a, w, at) => a.RequestChanges("Add a weekly plan", World.Coordinator, at)),
        new("resubmit", World.Doctor, ApplicationStatus.UnderReview, [ApplicationStatus.ChangesRequested],
            (a, w, at) => a.Resubmit(World.Doctor, at)),
        new("approve", World.Coordinator, ApplicationStatus.Offered, [ApplicationStatus.UnderReview, ApplicationStatus.Waitlisted],
            (a, w, at) => a.Approve(w.OpenLab, "Prof. Chan", w.Cohort.StartsOn, w.Cohort.EndsOn, at.AddDays(7), World.Coordinator, at)),
        new("waitlist", World.Coordinator, ApplicationStatus.Waitlisted, [ApplicationStatus.UnderReview],
            (a, w, at) => a.Waitlist(w.FullLab, World.Coordinator, at)),
        new("reject", World.Coordinator, ApplicationStatus.Rejected, [ApplicationStatus.UnderReview, ApplicationStatus.Waitlisted],
            (a, w, at) => a.Reject("No matching lab", World.Coordinator, at)),
        new("accept offer", World.Doctor, ApplicationStatus.Confirmed, [ApplicationStatus.Offered],
            (a, w, at) => a.AcceptOffer(World.Doctor, at)),
        new("decline offer", World.Doctor, ApplicationStatus.Declined, [ApplicationStatus.Offered],
            (a, w, at) => a.DeclineOffer(World.Doctor, at)),
        new("lapse offer", "", ApplicationStatus.Declined, [ApplicationStatus.Offered],
            (a, w, at) => a.LapseOffer(at.AddDays(30))),
        new("mark arrived", World.Coordinator, ApplicationStatus.InProgress, [ApplicationStatus.Confirmed],
            (a, w, at) => a.MarkArrived(World.Coordinator, at)),
        new("complete", World.Coordinator, ApplicationStatus.Completed, [ApplicationStatus.InProgress],
            (a, w, at) => a.Complete(endOfStayReportFiled: true, World.Coordinator, at)),
        new("withdraw", World.Doctor, ApplicationStatus.Withdrawn, BeforeArrival,
            (a, w, at) => a.Withdraw(World.Doctor, at)),
        new("cancel", World.Admin, ApplicationStatus.Cancelled, [ApplicationStatus.Confirmed, ApplicationStatus.InProgress],
            (a, w, at) => a.Cancel("Entry permit refused", World.Admin, at)),
    ];

    public static TheoryData<string, ApplicationStatus> EveryTransitionFromEveryStatus()
    {
        var data = new TheoryData<string, ApplicationStatus>();
        foreach (var transition in Transitions)
            foreach (var status in Enum.GetValues<ApplicationStatus>())
                data.Add(transition.Name, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTransitionFromEveryStatus))]
    public void A_transition_is_allowed_exactly_from_its_source_states_and_recorded(string name, ApplicationStatus from)
    {
        var transition = Transitions.Single(t => t.Name == name);
        var world = new World();
        var application = world.InStatus(from);
        var historyBefore = application.History.Count;
        var at = world.Tick();

        if (transition.From.Contains(from))
        {
            transition.Act(application, world, at);

            Assert.Equal(transition.To, application.Status);
            var entry = application.History[^1];
            Assert.Equal(historyBefore + 1, application.History.Count);
            Assert.Equal(from, entry.From);
            Assert.Equal(transition.To, entry.To);
            Assert.Equal(transition.Actor == "" ? null : transition.Actor, entry.ActorId);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => transition.Act(application, world, at));

            Assert.Matches("^(You cannot .* an application that is |This application is waiting for its hospital)", error.Message);
            Assert.Equal(from, application.Status);
            Assert.Equal(historyBefore, application.History.Count);
        }
    }

    // The action each transition is, in the table the pages read to show its button.
    private static readonly Dictionary<string, ApplicationAction> ActionOf = new()
    {
        ["submit"] = ApplicationAction.Submit,
        ["endorse"] = ApplicationAction.Endorse,
        ["decline endorsement"] = ApplicationAction.Endorse,
        ["start review"] = ApplicationAction.StartReview,
        ["request changes"] = ApplicationAction.RequestChanges,
        ["resubmit"] = ApplicationAction.Resubmit,
        ["approve"] = ApplicationAction.Approve,
        ["waitlist"] = ApplicationAction.Waitlist,
        ["reject"] = ApplicationAction.Reject,
        ["accept offer"] = ApplicationAction.AnswerOffer,
        ["decline offer"] = ApplicationAction.AnswerOffer,
        ["lapse offer"] = ApplicationAction.AnswerOffer,
        ["mark arrived"] = ApplicationAction.MarkArrived,
        ["complete"] = ApplicationAction.Complete,
        ["withdraw"] = ApplicationAction.Withdraw,
        ["cancel"] = ApplicationAction.Cancel,
    };

    [Theory]
    [MemberData(nameof(EveryTransitionFromEveryStatus))]
    public void The_rules_the_pages_read_agree_with_the_lifecycle_table(string name, ApplicationStatus from) =>
        Assert.Equal(Transitions.Single(t => t.Name == name).From.Contains(from),
            ApplicationRules.Allows(ActionOf[name], from, endorsementRequired: true));

    [Fact]
    public void Every_status_is_reachable_and_every_transition_is_in_the_table()
    {
        var reached = Transitions.Select(t => t.To).Append(ApplicationStatus.Draft).Distinct();

        Assert.Equal(Enum.GetValues<ApplicationStatus>().Order(), reached.Order());
    }

    [Fact]
    public void Without_hospital_endorsement_the_coordinator_reviews_a_submitted_application_directly()
    {
        var world = new World(requiresEndorsement: false);
        var application = world.InStatus(ApplicationStatus.Draft);
        application.Submit(World.Doctor, world.Tick());

        Assert.Throws<DomainException>(() => application.Endorse(World.Hospital, world.Tick()));
        application.StartReview(World.Coordinator, world.Tick());

        Assert.Equal(ApplicationStatus.UnderReview, application.Status);
    }

    [Fact]
    public void With_hospital_endorsement_review_waits_for_the_hospital()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.Submitted);

        var error = Assert.Throws<DomainException>(() => application.StartReview(World.Coordinator, world.Tick()));

        Assert.Equal("This application is waiting for its hospital's endorsement.", error.Message);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Fact]
    public void Approving_takes_a_seat_and_declining_frees_it()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.Offered);
        Assert.Equal(1, world.OpenLab.SeatsTaken);

        application.DeclineOffer(World.Doctor, world.Tick());

        Assert.Equal(0, world.OpenLab.SeatsTaken);
        Assert.False(application.Placement!.HoldsSeat);
    }

    [Theory]
    [InlineData(ApplicationStatus.Offered)]
    [InlineData(ApplicationStatus.Confirmed)]
    public void Withdrawing_frees_the_seat(ApplicationStatus from)
    {
        var world = new World();
        var application = world.InStatus(from);

        application.Withdraw(World.Doctor, world.Tick());

        Assert.Equal(0, world.OpenLab.SeatsTaken);
    }

    [Fact]
    public void Cancelling_frees_the_seat_and_needs_a_reason()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.InProgress);

        Assert.Throws<DomainException>(() => application.Cancel(" ", World.Admin, world.Tick()));
        Assert.Equal(1, world.OpenLab.SeatsTaken);
        application.Cancel("Entry permit refused", World.Admin, world.Tick());

        Assert.Equal(0, world.OpenLab.SeatsTaken);
        Assert.Equal("Entry permit refused", application.History[^1].Comment);
    }

    [Fact]
    public void A_full_lab_cannot_be_approved_into_and_nothing_changes()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.UnderReview);
        var historyBefore = application.History.Count;

        var error = Assert.Throws<DomainException>(() => application.Approve(world.FullLab, "Prof. Yip",
            world.Cohort.StartsOn, world.Cohort.EndsOn, World.Start.AddDays(7), World.Coordinator, world.Tick()));

        Assert.Equal("This lab has no free seat any more.", error.Message);
        Assert.Equal(ApplicationStatus.UnderReview, application.Status);
        Assert.Null(application.Placement);
        Assert.Equal(historyBefore, application.History.Count);
        Assert.Equal(1, world.FullLab.SeatsTaken);
    }

    [Fact]
    public void Only_a_full_lab_has_a_waitlist()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.UnderReview);

        Assert.Throws<DomainException>(() => application.Waitlist(world.OpenLab, World.Coordinator, world.Tick()));
        application.Waitlist(world.FullLab, World.Coordinator, world.Tick());

        Assert.Same(world.FullLab, application.WaitlistedFor);
    }

    [Fact]
    public void An_offer_cannot_be_accepted_after_its_deadline_and_lapses_instead()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.Offered);
        var late = application.OfferRespondBy!.Value.AddMinutes(1);

        Assert.Throws<DomainException>(() => application.AcceptOffer(World.Doctor, late));
        Assert.Throws<DomainException>(() => application.LapseOffer(application.OfferRespondBy.Value.AddMinutes(-1)));
        application.LapseOffer(late);

        Assert.Equal(ApplicationStatus.Declined, application.Status);
        Assert.Null(application.History[^1].ActorId);
        Assert.Equal(0, world.OpenLab.SeatsTaken);
    }

    [Theory]
    [InlineData("request changes")]
    [InlineData("reject")]
    [InlineData("decline endorsement")]
    public void Comments_that_explain_a_decision_are_required(string transition)
    {
        var world = new World();
        var application = world.InStatus(transition == "decline endorsement" ? ApplicationStatus.Submitted : ApplicationStatus.UnderReview);
        Action act = transition switch
        {
            "request changes" => () => application.RequestChanges("  ", World.Coordinator, world.Tick()),
            "reject" => () => application.Reject("", World.Coordinator, world.Tick()),
            _ => () => application.DeclineEndorsement("", World.Hospital, world.Tick()),
        };

        var error = Assert.Throws<DomainException>(act);

        Assert.StartsWith("Please give", error.Message);
    }

    [Fact]
    public void Completing_needs_the_end_of_stay_report()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.InProgress);

        var error = Assert.Throws<DomainException>(() => application.Complete(false, World.Coordinator, world.Tick()));

        Assert.Contains("end-of-stay report", error.Message);
        Assert.Equal(ApplicationStatus.InProgress, application.Status);
    }

    [Fact]
    public void Submitting_needs_a_lab_choice()
    {
        var world = new World();
        var application = world.NewApplication();

        var error = Assert.Throws<DomainException>(() => application.Submit(World.Doctor, world.Tick()));

        Assert.Equal("Choose at least one host lab before submitting.", error.Message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    [Fact]
    public void Lab_choices_are_ranked_distinct_at_most_three_and_from_the_cohort()
    {
        var world = new World();
        var other = new World();
        var application = world.NewApplication();

        Assert.Throws<DomainException>(() => application.ChooseLabs([world.OpenLab, world.OpenLab], world.Tick()));
        Assert.Throws<DomainException>(() => application.ChooseLabs([other.OpenLab], world.Tick()));
        Assert.Throws<DomainException>(() => application.ChooseLabs(
            [world.OpenLab, world.FullLab, world.OpenLab, world.FullLab], world.Tick()));
        application.ChooseLabs([world.FullLab, world.OpenLab], world.Tick());

        Assert.Equal([1, 2], application.LabChoices.Select(c => c.Rank));
        Assert.Same(world.FullLab, application.LabChoices[0].CohortLab);
    }

    [Fact]
    public void The_next_step_says_who_the_application_waits_for()
    {
        Assert.Equal(WaitingFor.Hospital, NextStep.For(ApplicationStatus.Submitted, endorsementRequired: true).Who);
        Assert.Equal(WaitingFor.University, NextStep.For(ApplicationStatus.Submitted, endorsementRequired: false).Who);
        Assert.Equal(WaitingFor.Applicant, NextStep.For(ApplicationStatus.ChangesRequested, true).Who);
        Assert.Equal(WaitingFor.Nobody, NextStep.For(ApplicationStatus.Rejected, true).Who);
    }
}
