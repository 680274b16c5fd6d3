using System.Net;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class CohortAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Coordinator = "coordinator@demo.local";
    private static readonly DateOnly Opens = new(2031, 1, 10);

    [Fact]
    public async Task A_cohort_with_two_labs_is_created_with_its_key_dates_as_milestones_and_moves_them_when_rescheduled()
    {
        var client = await portal.SignInAsync(Coordinator);

        var created = await CreateCohortAsync(client, "2031 Spring cohort", capacity: 5, seats: [2, 3]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        await using (var db = portal.NewDbContext())
        {
            var cohort = await db.Cohorts.Include(c => c.Labs).SingleAsync(c => c.Id == id);
            Assert.Equal(CohortStatus.Planning, cohort.Status);
            Assert.Equal([2, 3], cohort.Labs.Select(l => l.Seats).Order());
            Assert.Equal([Opens, Opens.AddDays(50), Opens.AddDays(140)], await MilestoneDatesAsync(db, id));
        }
        var details = await client.GetPageAsync($"/Coordinator/Cohorts/{id}");
        Assert.Equal(2, details.Document.QuerySelectorAll("table[aria-labelledby='labs-heading'] tbody tr").Length);

        var edit = await client.GetPageAsync($"/Coordinator/Cohorts/Edit/{id}");
        var moved = await client.SubmitAsync(edit, "#cohort-form", Dates(Opens.AddDays(7)));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var after = portal.NewDbContext();
        Assert.Equal([Opens.AddDays(7), Opens.AddDays(57), Opens.AddDays(147)], await MilestoneDatesAsync(after, id));
        Assert.Equal(Opens.AddDays(57), (await after.Cohorts.SingleAsync(c => c.Id == id)).StartsOn);
    }

    [Fact]
    public async Task Seats_over_the_capacity_and_dates_out_of_order_are_refused_and_nothing_is_saved()
    {
        var client = await portal.SignInAsync(Coordinator);
        var before = await CountCohortsAsync();

        var overCapacity = await CreateCohortAsync(client, "Too many seats", capacity: 3, seats: [2, 2]);
        var badDates = await CreateCohortAsync(client, "Bad dates", capacity: 5, seats: [1, 1],
            extra: new() { ["Input.ApplicationClosesOn"] = Opens.AddDays(60).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.OK, overCapacity.StatusCode);
        Assert.Contains("Seats per lab cannot add up to more than the cohort's capacity of 3.", (await HtmlForms.ParseAsync(overCapacity)).Text());
        Assert.Equal(HttpStatusCode.OK, badDates.StatusCode);
        Assert.Contains("The application window must close before the exchange starts.", (await HtmlForms.ParseAsync(badDates)).Text());
        Assert.Equal(before, await CountCohortsAsync());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Milestones.AnyAsync(m => m.Title.StartsWith("Too many seats") || m.Title.StartsWith("Bad dates")));
    }

    [Fact]
    public async Task Bad_dates_on_an_existing_cohort_change_nothing()
    {
        var client = await portal.SignInAsync(Coordinator);
        var created = await CreateCohortAsync(client, "2031 Dated cohort", capacity: 4, seats: [1, 1]);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var edit = await client.GetPageAsync($"/Coordinator/Cohorts/Edit/{id}");

        var response = await client.SubmitAsync(edit, "#cohort-form", new Dictionary<string, string>
        {
            ["Input.EndsOn"] = Opens.AddDays(40).ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The exchange must end after it starts.", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(Opens.AddDays(140), (await db.Cohorts.SingleAsync(c => c.Id == id)).EndsOn);
        Assert.Equal([Opens, Opens.AddDays(50), Opens.AddDays(140)], await MilestoneDatesAsync(db, id));
    }

    [Fact]
    public async Task Seats_cannot_be_reduced_below_the_seats_already_taken()
    {
        var client = await portal.SignInAsync(Coordinator);
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.Open).Select(c => c.Id).SingleAsync();
        var edit = await client.GetPageAsync($"/Coordinator/Cohorts/Edit/{cohortId}");
        var taken = edit.Document.QuerySelectorAll("input[name$='.SeatsTaken']").First(i => int.Parse(i.GetAttribute("value")!) > 0);
        var prefix = taken.GetAttribute("name")![..^".SeatsTaken".Length];
        var labId = int.Parse(edit.Document.QuerySelector($"input[name='{prefix}.HostLabId']")!.GetAttribute("value")!);

        var response = await client.SubmitAsync(edit, "#cohort-form", new Dictionary<string, string> { [$"{prefix}.Seats"] = "0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("seats are already taken; seats cannot go below that.", (await HtmlForms.ParseAsync(response)).Text());
        await using var after = portal.NewDbContext();
        var lab = await after.CohortLabs.SingleAsync(l => l.CohortId == cohortId && l.HostLabId == labId);
        Assert.True(lab.Seats >= lab.SeatsTaken && lab.SeatsTaken > 0);
    }

    [Fact]
    public async Task An_edit_made_meanwhile_by_someone_else_is_not_overwritten()
    {
        var first = await portal.SignInAsync(Coordinator);
        var second = await portal.SignInAsync(Coordinator);
        var created = await CreateCohortAsync(first, "2031 Contended cohort", capacity: 6, seats: [1, 1]);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var firstForm = await first.GetPageAsync($"/Coordinator/Cohorts/Edit/{id}");
        var secondForm = await second.GetPageAsync($"/Coordinator/Cohorts/Edit/{id}");

        await first.SubmitAsync(firstForm, "#cohort-form", new Dictionary<string, string> { ["Input.Capacity"] = "8" });
        var late = await second.SubmitAsync(secondForm, "#cohort-form", new Dictionary<string, string> { ["Input.Capacity"] = "7" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("This cohort changed while you were editing it; please reload.", (await HtmlForms.ParseAsync(late)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(8, (await db.Cohorts.SingleAsync(c => c.Id == id)).Capacity);
    }

    [Fact]
    public async Task A_planned_cohort_opens_its_window_and_a_transition_not_allowed_is_refused()
    {
        var client = await portal.SignInAsync(Coordinator);
        var created = await CreateCohortAsync(client, "2031 Opening cohort", capacity: 2, seats: [1, 1]);
        var path = created.Headers.Location!.OriginalString;
        var id = int.Parse(path.Split('/').Last());

        var refused = await client.SubmitAsync(await client.GetPageAsync(path), "form[action*='handler=Status']",
            new Dictionary<string, string> { ["change"] = "Complete" });
        var opened = await client.SubmitAsync(await client.GetPageAsync(path), "form[action*='handler=Status']",
            new Dictionary<string, string> { ["change"] = "Open" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A cohort that is Planning cannot become Completed.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(CohortStatus.Open, (await db.Cohorts.SingleAsync(c => c.Id == id)).Status);
    }

    [Fact]
    public async Task The_cohort_list_shows_seats_and_applications_per_status()
    {
        var client = await portal.SignInAsync(Coordinator);

        var page = await client.GetPageAsync("/Coordinator/Cohorts");

        Assert.True(page.Document.QuerySelectorAll("#cohorts tbody tr").Length >= 3);
        Assert.Contains("Under review", page.Document.Text());
        Assert.Contains("In progress", page.Document.Text());
    }

    [Theory]
    [InlineData("/Coordinator/Cohorts/{cohort}", "form[action*='handler=Status']", "/Coordinator/Cohorts/424242?handler=Status&change=Open")]
    [InlineData("/Coordinator/Cohorts/Edit/{cohort}", "#cohort-form", "/Coordinator/Cohorts/Edit/424242")]
    public async Task A_post_about_a_cohort_that_is_not_there_is_not_found_and_changes_nothing(string path, string form, string action)
    {
        var client = await portal.SignInAsync(Coordinator);
        var created = await CreateCohortAsync(client, "2031 Cohort beside an unknown one", capacity: 2, seats: [1, 1]);
        var id = created.Headers.Location!.OriginalString.Split('/').Last();
        var page = await client.GetPageAsync(path.Replace("{cohort}", id));
        page.Document.QuerySelector(form)!.SetAttribute("action", action);

        var response = await client.SubmitAsync(page, form, new Dictionary<string, string> { ["Input.Name"] = "Never saved" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Cohorts.AnyAsync(c => c.Name == "Never saved"));
        Assert.Equal(CohortStatus.Planning, (await db.Cohorts.SingleAsync(c => c.Id == int.Parse(id))).Status);
    }

    public static TheoryData<string> CoordinatorPages() =>
    [
        "/Coordinator/Cohorts", "/Coordinator/Cohorts/Create", "/Coordinator/Cohorts/1", "/Coordinator/Cohorts/Edit/1",
        "/Coordinator/Labs", "/Coordinator/Labs/Create", "/Coordinator/Labs/Edit/1",
    ];

    [Theory]
    [MemberData(nameof(CoordinatorPages))]
    public async Task Only_university_coordinators_reach_cohort_and_lab_management(string path)
    {
        var doctor = await portal.SignInAsync("doctor@demo.local");
        var coordinator = await portal.SignInAsync(Coordinator);

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(path)).StatusCode);
    }

    private static async Task<HttpResponseMessage> CreateCohortAsync(HttpClient client, string name, int capacity, int[] seats,
        Dictionary<string, string>? extra = null)
    {
        var form = await client.GetPageAsync("/Coordinator/Cohorts/Create");
        var values = Dates(Opens);
        values["Input.Name"] = name;
        values["Input.Capacity"] = capacity.ToString();
        for (var i = 0; i < seats.Length; i++)
        {
            values[$"Input.Labs[{i}].TakesPart"] = "true";
            values[$"Input.Labs[{i}].Seats"] = seats[i].ToString();
        }
        foreach (var (key, value) in extra ?? [])
            values[key] = value;
        return await client.SubmitAsync(form, "#cohort-form", values);
    }

    private static Dictionary<string, string> Dates(DateOnly opens) => new()
    {
        ["Input.ApplicationOpensOn"] = opens.ToString("yyyy-MM-dd"),
        ["Input.ApplicationClosesOn"] = opens.AddDays(30).ToString("yyyy-MM-dd"),
        ["Input.StartsOn"] = opens.AddDays(50).ToString("yyyy-MM-dd"),
        ["Input.EndsOn"] = opens.AddDays(140).ToString("yyyy-MM-dd"),
    };

    private static async Task<List<DateOnly>> MilestoneDatesAsync(Core.Data.PortalDbContext db, int cohortId) =>
        await db.Milestones.Where(m => m.CohortId == cohortId && m.Source != MilestoneSource.Manual)
            .OrderBy(m => m.DueOn).Select(m => m.DueOn).ToListAsync();

    private async Task<int> CountCohortsAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.CountAsync();
    }
}
