using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class ManagementJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_manages_labs_and_cohorts_and_reads_a_roster()
    {
        await using var journey = new Journey(fixture, "manage");
        await journey.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync("coordinator@demo.local");

        await journey.NavigateAsync("Coordination", "Manage host labs");
        await journey.CheckpointAsync("labs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a host lab" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the lab" }).ClickAsync();
        await journey.CheckpointAsync("lab-errors");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Digital Pathology Lab");
        await page.GetByLabel("Department").FillAsync("Department of Pathology");
        await page.GetByLabel("Principal investigator", new() { Exact = true }).FillAsync("Dr. Ivy Lo");
        await page.GetByLabel("Principal investigator's email").FillAsync("ivy.lo@vhu.demo");
        await page.GetByLabel("Research areas (separated by commas)").FillAsync("Pathology, AI diagnostics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the lab" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Digital Pathology Lab" })).ToBeVisibleAsync();
        await journey.CheckpointAsync("lab-added");

        await journey.NavigateAsync("Coordination", "Cohorts");
        await journey.CheckpointAsync("cohorts");
        await page.Locator("tbody tr td a").First.ClickAsync();
        await journey.CheckpointAsync("cohort-details");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New cohort" }).ClickAsync();
        await journey.CheckpointAsync("cohort-create");

        await page.GotoAsync("/Coordinator");
        await page.Locator("#rosters-heading + ul a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("arrivals and roster");
        await journey.CheckpointAsync("roster");
    }

    [Fact]
    public async Task An_administrator_sees_the_stays_and_must_give_a_reason_to_cancel_one()
    {
        await using var journey = new Journey(fixture, "stays");
        await journey.StartAsync();
        await journey.SignInAsync("admin@demo.local");

        await journey.NavigateAsync("Administration", "Stays");
        await Assertions.Expect(journey.Page.Locator("h1")).ToHaveTextAsync("Confirmed and running stays");
        await journey.CheckpointAsync("list");
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel stay" }).First.ClickAsync();

        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please give the reason for cancelling");
        await journey.CheckpointAsync("reason-required");

        await journey.NavigateAsync("Administration", "Users");
        await journey.Page.GetByRole(AriaRole.Link, new() { Name = "hospital2@demo.local" }).ClickAsync();
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Hospital coordinator" })).ToBeCheckedAsync();
        await journey.CheckpointAsync("user");

        await journey.NavigateAsync("Administration", "Audit trail");
        await Assertions.Expect(journey.Page.Locator("h1")).ToHaveTextAsync("Audit trail");
        await journey.CheckpointAsync("audit");

        await journey.NavigateAsync("Administration", "Agreements");
        await journey.Page.Locator("tbody a").First.ClickAsync();
        await Assertions.Expect(journey.Page.Locator("#milestones .badge", new() { HasText = "Overdue" })).ToHaveCountAsync(1);
        await journey.CheckpointAsync("agreement");

        await journey.NavigateAsync("Administration", "Exports");
        await Assertions.Expect(journey.Page.Locator("h1")).ToHaveTextAsync("Exports");
        await journey.CheckpointAsync("exports");
    }
}
