using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.UnitTests;

public class CohortAndAgreementTests
{
    [Fact]
    public void Seats_per_lab_cannot_add_up_to_more_than_the_capacity()
    {
        var world = new World();
        var lab = world.Cohort.Labs[0].HostLab;

        var error = Assert.Throws<DomainException>(() => world.Cohort.AddLab(
            new ExchangePortal.Core.HostLabs.HostLab(lab.University, "Another lab", "Dept", "PI", "pi@test", [], "", 1), 5));

        Assert.Contains("capacity of 10", error.Message);
    }

    [Fact]
    public void Seats_cannot_be_reduced_below_the_seats_taken()
    {
        var world = new World();

        Assert.Throws<DomainException>(() => world.FullLab.ChangeSeats(0));
        world.OpenLab.ChangeSeats(2);

        Assert.Equal(2, world.OpenLab.Seats);
    }

    [Theory]
    [InlineData("2026-08-10", "2026-08-01", "2026-10-01", "2026-12-01", "close after it opens")]
    [InlineData("2026-08-01", "2026-10-05", "2026-10-01", "2026-12-01", "close before the exchange starts")]
    [InlineData("2026-08-01", "2026-09-01", "2026-10-01", "2026-09-30", "end after it starts")]
    public void Cohort_dates_must_be_in_order(string opens, string closes, string starts, string ends, string message)
    {
        var world = new World();

        var error = Assert.Throws<DomainException>(() => world.Cohort.Reschedule(
            DateOnly.Parse(opens), DateOnly.Parse(closes), DateOnly.Parse(starts), DateOnly.Parse(ends)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_application_window_is_open_only_between_its_dates_while_the_cohort_is_open()
    {
        var cohort = new World().Cohort;

        Assert.True(cohort.IsWindowOpen(new DateOnly(2026, 8, 1)));
        Assert.True(cohort.IsWindowOpen(new DateOnly(2026, 9, 15)));
        Assert.False(cohort.IsWindowOpen(new DateOnly(2026, 9, 16)));
        cohort.StartReviewing();
        Assert.False(cohort.IsWindowOpen(new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void A_cohorts_key_dates_become_milestones_of_its_agreement()
    {
        var cohort = new World().Cohort;

        var milestones = cohort.KeyDateMilestones().ToList();

        Assert.Equal([cohort.ApplicationOpensOn, cohort.StartsOn, cohort.EndsOn], milestones.Select(m => m.DueOn));
        Assert.All(milestones, m => Assert.Same(cohort, m.Cohort));
    }

    [Fact]
    public void A_milestone_is_overdue_when_not_done_after_its_due_date()
    {
        var agreement = new World().Cohort.Agreement;
        var milestone = new AgreementMilestone(agreement, "Annual review", new DateOnly(2026, 6, 30));

        Assert.False(milestone.IsOverdue(new DateOnly(2026, 6, 30)));
        Assert.True(milestone.IsOverdue(new DateOnly(2026, 7, 1)));
        milestone.Complete(new DateOnly(2026, 7, 2), "Minutes filed");
        Assert.False(milestone.IsOverdue(new DateOnly(2026, 7, 3)));
        Assert.Throws<DomainException>(() => milestone.Complete(new DateOnly(2026, 7, 3), null));
    }

    [Fact]
    public void A_missed_milestone_is_closed_not_overdue_and_cannot_be_completed_later()
    {
        var agreement = new World().Cohort.Agreement;
        var milestone = new AgreementMilestone(agreement, "Joint symposium", new DateOnly(2026, 6, 30));

        milestone.MarkMissed("Postponed by both parties");

        Assert.False(MilestoneRules.IsOpen(milestone.Status));
        Assert.False(milestone.IsOverdue(new DateOnly(2026, 7, 1)));
        Assert.Equal("This milestone was marked missed.",
            Assert.Throws<DomainException>(() => milestone.Complete(new DateOnly(2026, 7, 1), null)).Message);
    }

    [Theory]
    [InlineData(MilestoneStatus.Planned, new[] { MilestoneAction.Start, MilestoneAction.Complete, MilestoneAction.Miss })]
    [InlineData(MilestoneStatus.InProgress, new[] { MilestoneAction.Complete, MilestoneAction.Miss })]
    [InlineData(MilestoneStatus.Done, new MilestoneAction[0])]
    [InlineData(MilestoneStatus.Missed, new MilestoneAction[0])]
    public void A_milestone_moves_only_while_open(MilestoneStatus status, MilestoneAction[] allowed) =>
        Assert.Equal(allowed, Enum.GetValues<MilestoneAction>().Where(a => MilestoneRules.CanTake(a, status)));

    [Theory]
    [InlineData(CohortStatus.Planning, new[] { CohortAction.Open, CohortAction.Cancel })]
    [InlineData(CohortStatus.Open, new[] { CohortAction.StartReviewing, CohortAction.StartExchange, CohortAction.Cancel })]
    [InlineData(CohortStatus.Reviewing, new[] { CohortAction.StartExchange, CohortAction.Cancel })]
    [InlineData(CohortStatus.InProgress, new[] { CohortAction.Complete })]
    [InlineData(CohortStatus.Completed, new CohortAction[0])]
    [InlineData(CohortStatus.Cancelled, new CohortAction[0])]
    public void The_buttons_a_cohort_page_offers_are_the_moves_its_entity_allows(CohortStatus status, CohortAction[] actions) =>
        Assert.Equal(actions, CohortRules.ActionsFrom(status));

    [Fact]
    public void An_agreement_is_in_force_only_while_active_and_within_its_dates()
    {
        var agreement = new World().Cohort.Agreement;
        Assert.False(agreement.IsInForce(new DateOnly(2026, 6, 1)));

        agreement.Sign(new DateOnly(2025, 12, 20), [new AgreementSignatory("Prof. Henry Cheung", "President", agreement.University)]);

        Assert.True(agreement.IsInForce(new DateOnly(2026, 6, 1)));
        Assert.False(agreement.IsInForce(new DateOnly(2031, 1, 1)));
        agreement.Terminate();
        Assert.False(agreement.IsInForce(new DateOnly(2026, 6, 1)));
        Assert.Throws<DomainException>(() => agreement.Sign(new DateOnly(2026, 1, 1), []));
    }

    [Fact]
    public void A_stored_document_records_its_size_and_sha256_and_never_trusts_a_path_in_its_name()
    {
        var bytes = "%PDF-1.4 test"u8.ToArray();

        var document = new StoredDocument(DocumentKind.Cv, "../../etc/cv.pdf", "application/pdf", bytes, "user", World.Start);

        Assert.Equal("cv.pdf", document.FileName);
        Assert.Equal(bytes.Length, document.SizeBytes);
        Assert.Equal(64, document.Sha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), document.Sha256);
        Assert.Throws<DomainException>(() => new StoredDocument(DocumentKind.Cv, "empty.pdf", "application/pdf", [], "user", World.Start));
    }

    [Fact]
    public void A_failed_notification_is_retried_later_each_time()
    {
        var notification = new ExchangePortal.Core.Notifications.Notification("offer", "a@test", "Subject", "Body", World.Start);

        notification.MarkFailed("connection refused", World.Start);
        var first = notification.NextAttemptAt - World.Start;
        notification.MarkFailed("connection refused", World.Start);
        var second = notification.NextAttemptAt - World.Start;

        Assert.True(second > first);
        Assert.Equal(2, notification.Attempts);
    }

    [Fact]
    public void Status_words_are_plain()
    {
        Assert.Equal("under review", ApplicationStatus.UnderReview.Describe());
        Assert.True(ApplicationStatus.Rejected.IsFinal());
        Assert.False(ApplicationStatus.Offered.IsFinal());
    }
}
