using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class CohortOpsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_starts_the_review_of_a_selection_saves_a_view_and_opens_a_cohorts_cancel_form()
    {
        await using var journey = new Journey(fixture, "cohortops");
        await journey.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync("coordinator@demo.local");

        await journey.GoToAsync("/Coordinator?Filter.Status=Endorsed");
        await page.Locator("#select-all").CheckAsync();
        await Assertions.Expect(page.Locator("input.queue-select:not(:checked)")).ToHaveCountAsync(0);
        await journey.CheckpointAsync("queue-selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-done li")).Not.ToHaveCountAsync(0);
        await journey.CheckpointAsync("bulk-result");

        await journey.GoToAsync("/Coordinator?Filter.Status=UnderReview&Filter.Sort=Name");
        await page.GetByLabel("Save this view as").FillAsync("Under review by name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save view" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved-views")).ToContainTextAsync("Under review by name");
        await journey.CheckpointAsync("saved-views");

        await journey.GoToAsync("/Coordinator/Cohorts");
        await page.Locator("tbody tr td a").First.ClickAsync();
        await page.Locator("#cancel-cohort").ClickAsync();
        await Assertions.Expect(page.Locator("#cancel-effects")).ToBeVisibleAsync();
        await journey.CheckpointAsync("cancel-form");
    }
}
