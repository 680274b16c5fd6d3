using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;

namespace ExchangePortal.UnitTests;

public class NextCycleTests
{
    [Theory]
    [InlineData("2026 Autumn cohort", 2026, 2027, "2027 Autumn cohort")]
    [InlineData("Autumn cohort", 2026, 2027, "Autumn cohort (copy)")]
    [InlineData("2026 Autumn cohort", 2026, 2026, "2026 Autumn cohort (copy)")]
    public void The_copy_is_named_after_its_year_or_marked_as_a_copy(string name, int from, int to, string expected) =>
        Assert.Equal(expected, ExchangeCohort.NextCycleName(name, from, to));

    [Fact]
    public void A_copy_of_a_long_name_stays_within_the_name_limit() =>
        Assert.Equal(ExchangeCohort.MaxNameLength, ExchangeCohort.NextCycleName(new string('x', 200), 2026, 2026).Length);

    [Fact]
    public void A_running_cohort_is_copied_in_planning_with_its_seats_free_and_is_itself_unchanged()
    {
        var world = new World();
        var original = world.Cohort;
        var (name, starts, seatsTaken) = (original.Name, original.StartsOn, original.SeatsTaken);

        var copy = original.CopyToNextCycle(12, 0);

        Assert.Equal(CohortStatus.Planning, copy.Status);
        Assert.Equal("2027 Autumn cohort", copy.Name);
        Assert.Equal(starts.AddMonths(12), copy.StartsOn);
        Assert.Equal(original.Labs.Select(l => (l.HostLab.Name, l.Seats)), copy.Labs.Select(l => (l.HostLab.Name, l.Seats)));
        Assert.Equal(0, copy.SeatsTaken);
        Assert.Equal((name, starts, seatsTaken, CohortStatus.Open), (original.Name, original.StartsOn, original.SeatsTaken, original.Status));
        Assert.Equal(3, copy.KeyDateMilestones().Count());
    }

    [Theory]
    [InlineData(0, 0, "at least one day")]
    [InlineData(-1, 10, "at least one day")]
    [InlineData(121, 0, "at most 10 years")]
    [InlineData(120, 1, "at most 10 years")]
    public void An_empty_negative_or_overlong_interval_is_refused(int months, int days, string message) =>
        Assert.Contains(message, Assert.Throws<DomainException>(() => new World().Cohort.CopyToNextCycle(months, days)).Message);

    [Theory]
    [InlineData(181, null)]
    [InlineData(180, 180)]
    [InlineData(91, 180)]
    [InlineData(90, 90)]
    [InlineData(31, 90)]
    [InlineData(30, 30)]
    [InlineData(0, 30)]
    [InlineData(-1, null)]
    public void An_agreement_is_owed_the_reminder_of_the_latest_window_it_has_reached(int daysLeft, int? window) =>
        Assert.Equal(window, AgreementRules.ReminderWindow(daysLeft));
}
