using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.HostLabs;

namespace ExchangePortal.UnitTests;

public class CohortAndLabEditingTests
{
    [Fact]
    public void A_lab_edit_trims_and_deduplicates_research_areas_and_keeps_seats_within_bounds()
    {
        var lab = new World().OpenLab.HostLab;

        lab.Edit(" Cardiac Lab ", "Medicine", "Prof. Chan", "chan@vhu.test", [" Cardiology", "", "cardiology", "Imaging"], "", 50);

        Assert.Equal("Cardiac Lab", lab.Name);
        Assert.Equal(["Cardiology", "Imaging"], lab.ResearchAreas);
        Assert.Throws<DomainException>(() => lab.Edit("Cardiac Lab", "Medicine", "PI", "pi@test", [], "", 51));
        Assert.Throws<DomainException>(() => lab.Edit("Cardiac Lab", "Medicine", "PI", "pi@test", [], "", -1));
        Assert.Throws<DomainException>(() => lab.Edit(" ", "Medicine", "PI", "pi@test", [], "", 1));
        Assert.Equal(50, lab.DefaultSeats);
    }

    [Fact]
    public void A_lab_with_current_placements_cannot_be_deactivated()
    {
        var lab = new World().FullLab.HostLab;

        var error = Assert.Throws<DomainException>(() => lab.Deactivate(currentPlacements: 1));

        Assert.Contains("1 current placement", error.Message);
        Assert.True(lab.IsActive);
        lab.Deactivate(currentPlacements: 0);
        Assert.False(lab.IsActive);
        Assert.Throws<DomainException>(() => lab.Deactivate(0));
        lab.Activate();
        Assert.True(lab.IsActive);
        Assert.Throws<DomainException>(lab.Activate);
    }

    [Fact]
    public void The_capacity_never_goes_below_the_seats_taken_nor_the_seats_of_the_labs()
    {
        var world = new World();

        Assert.Contains("1 seats are already taken", Assert.Throws<DomainException>(() => world.Cohort.ChangeCapacity(0)).Message);
        Assert.Contains("capacity of 5", Assert.Throws<DomainException>(() => world.Cohort.ChangeCapacity(5)).Message);
        world.Cohort.ChangeCapacity(6);

        Assert.Equal(6, world.Cohort.Capacity);
    }

    [Fact]
    public void A_lab_leaves_a_cohort_only_when_no_seat_is_taken_and_no_application_chose_it()
    {
        var world = new World();

        Assert.Throws<DomainException>(() => world.Cohort.RemoveLab(world.FullLab, chosenByAnApplication: false));
        Assert.Throws<DomainException>(() => world.Cohort.RemoveLab(world.OpenLab, chosenByAnApplication: true));
        world.Cohort.RemoveLab(world.OpenLab, chosenByAnApplication: false);

        Assert.Equal([world.FullLab], world.Cohort.Labs);
    }

    [Fact]
    public void Replanning_checks_everything_before_changing_anything()
    {
        var world = new World();
        var open = world.OpenLab.HostLab;
        var full = world.FullLab.HostLab;

        Assert.Throws<DomainException>(() => world.Cohort.Replan(4, [(open, 4), (full, 1)], new HashSet<int>()));
        Assert.Throws<DomainException>(() => world.Cohort.Replan(10, [(open, 8), (full, 0)], new HashSet<int>()));
        Assert.Equal((10, 5, 1), (world.Cohort.Capacity, world.OpenLab.Seats, world.FullLab.Seats));

        world.Cohort.Replan(12, [(open, 9), (full, 3)], new HashSet<int>());

        Assert.Equal((12, 9, 3), (world.Cohort.Capacity, world.OpenLab.Seats, world.FullLab.Seats));
    }

    [Fact]
    public void A_cancelled_cohort_can_no_longer_be_changed()
    {
        var cohort = new World().Cohort;
        cohort.Cancel("The partner hospital closed the programme.", DateTimeOffset.UtcNow);

        Assert.Throws<DomainException>(() => cohort.Rename("Another name"));
        Assert.Throws<DomainException>(() => cohort.Reschedule(new(2026, 8, 1), new(2026, 9, 1), new(2026, 10, 1), new(2026, 12, 1)));
        Assert.Throws<DomainException>(() => cohort.SetRequiresEndorsement(false));
    }

    [Fact]
    public void A_cohorts_milestones_follow_its_new_dates_and_name_but_a_done_one_keeps_its_date()
    {
        var cohort = new World().Cohort;
        var milestones = cohort.KeyDateMilestones().ToList();
        milestones[0].Complete(cohort.ApplicationOpensOn, null);

        cohort.Rename("2026 Late autumn cohort");
        cohort.Reschedule(new(2026, 8, 8), new(2026, 9, 20), new(2026, 10, 8), new(2026, 12, 27));
        milestones.ForEach(m => m.FollowCohort(cohort));

        Assert.Equal([new DateOnly(2026, 8, 1), new(2026, 10, 8), new(2026, 12, 27)], milestones.Select(m => m.DueOn));
        Assert.All(milestones, m => Assert.StartsWith("2026 Late autumn cohort:", m.Title));
    }

    [Fact]
    public void Only_a_cohorts_own_key_date_milestones_follow_it()
    {
        var world = new World();
        var manual = new AgreementMilestone(world.Cohort.Agreement, "Annual review", new DateOnly(2026, 6, 30));
        var other = new World().Cohort;

        Assert.Throws<DomainException>(() => manual.FollowCohort(world.Cohort));
        Assert.Throws<DomainException>(() => world.Cohort.KeyDateMilestones().First().FollowCohort(other));
    }
}
