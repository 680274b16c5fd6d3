using System.Net;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class HomePageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_programme_page_shows_the_agreement_in_force_and_the_open_cohort()
    {
        var page = await portal.CreateClient().GetPageAsync("/");

        var text = page.Document.Text();
        Assert.Contains("Strategic Cooperation Agreement between VHU and BCTH", text);
        Assert.Contains("MedTech innovation", text);
        Assert.Single(page.Document.QuerySelectorAll("#cohorts-heading + table tbody tr"));
    }

    [Fact]
    public async Task The_lab_catalogue_lists_active_labs_and_searches_research_areas()
    {
        var client = portal.CreateClient();

        var all = await client.GetPageAsync("/Labs");
        var found = await client.GetPageAsync("/Labs?q=stroke");

        Assert.Equal(6, all.Document.QuerySelectorAll("article").Length);
        Assert.Equal(["Neuroscience Research Lab"], found.Document.QuerySelectorAll("article h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task The_lab_catalogue_filters_by_department_and_research_area()
    {
        var client = portal.CreateClient();

        var byDepartment = await client.GetPageAsync("/Labs?department=School%20of%20Public%20Health");
        var byArea = await client.GetPageAsync("/Labs?area=Oncology");
        var none = await client.GetPageAsync("/Labs?department=School%20of%20Public%20Health&area=Oncology");

        Assert.Equal(["Public Health Data Lab"], byDepartment.Document.QuerySelectorAll("article h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Clinical Oncology Lab"], byArea.Document.QuerySelectorAll("article h2").Select(h => h.TextContent.Trim()));
        Assert.Empty(none.Document.QuerySelectorAll("article"));
        Assert.Contains("Medical imaging", byArea.Document.QuerySelector("#Area")!.TextContent);
    }

    [Fact]
    public async Task A_lab_page_shows_its_seats_in_the_open_cohort_and_an_unknown_lab_is_404()
    {
        var client = portal.CreateClient();
        var catalogue = await client.GetPageAsync("/Labs");
        var link = catalogue.Document.QuerySelector("article h2 a")!.GetAttribute("href")!;

        var lab = await client.GetPageAsync(link);
        var missing = await client.GetAsync("/Labs/987654");

        Assert.Contains("seats left", lab.Document.Text());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_applicant_sees_only_their_own_applications_with_the_next_step()
    {
        var client = await portal.SignInAsync("doctor2@demo.local");

        var page = await client.GetPageAsync("/Applicant");

        var rows = page.Document.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Contains("Waiting for your hospital's endorsement.", rows[0].TextContent);
        Assert.Contains("Wang Fang", page.Document.Text());
    }

    [Fact]
    public async Task A_hospital_coordinator_sees_only_their_own_hospitals_staff()
    {
        var beijing = await (await portal.SignInAsync("hospital@demo.local")).GetPageAsync("/Hospital");
        var shanghai = await (await portal.SignInAsync("hospital2@demo.local")).GetPageAsync("/Hospital");

        Assert.Contains("Beijing Capital Teaching Hospital", beijing.Document.Text());
        Assert.Equal(["Liu Yang", "Wang Fang"], beijing.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent));
        Assert.Empty(shanghai.Document.QuerySelectorAll("tbody tr"));
        Assert.DoesNotContain("Wang Fang", shanghai.Document.Text());
    }

    [Fact]
    public async Task The_coordinator_queue_holds_what_waits_for_the_university()
    {
        var page = await (await portal.SignInAsync("coordinator@demo.local")).GetPageAsync("/Coordinator");

        var statuses = page.Document.QuerySelectorAll("tbody tr td:nth-child(6)").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Endorsed", "Under review"], statuses.Order());
    }

    [Fact]
    public async Task The_admin_dashboard_shows_cohorts_and_the_overdue_milestone()
    {
        var page = await (await portal.SignInAsync("admin@demo.local")).GetPageAsync("/Admin");

        var text = page.Document.Text();
        Assert.Contains("Annual review of the cooperation", page.Document.QuerySelector("#overdue-heading + table")!.TextContent);
        Assert.Contains("Joint MedTech symposium", page.Document.QuerySelector("#due-heading + table")!.TextContent);
        Assert.Equal(2, page.Document.QuerySelectorAll("#cohorts-heading ~ article").Length);
        Assert.Contains("seats taken", text);
    }
}
