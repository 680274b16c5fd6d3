using ExchangePortal.Core.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class InstitutionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_adds_a_hospital_is_refused_deactivating_one_in_use_and_reads_the_page_in_chinese()
    {
        await using var journey = new Journey(fixture, "institutions");
        await journey.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync("admin@demo.local");

        await journey.NavigateAsync("Administration", "Institutions");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Institutions");
        await journey.CheckpointAsync("list");

        var form = page.Locator("#institution-new-form");
        await form.GetByLabel("University or hospital").SelectOptionAsync(new SelectOptionValue { Label = "Hospital" });
        await form.GetByLabel("Institution name").FillAsync("Xiamen Island Hospital (journey)");
        await form.GetByLabel("Short name").FillAsync("XIH");
        await form.GetByLabel("City").FillAsync("Xiamen");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create the institution" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Institution created.");
        await Assertions.Expect(page.Locator("#hospital-table")).ToContainTextAsync("Xiamen Island Hospital (journey)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xiamen Island Hospital (journey)" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edit the institution");
        await page.GetByLabel("City").FillAsync("Xiamen (Siming)");
        await journey.CheckpointAsync("edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the institution" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Institution saved.");
        await Assertions.Expect(page.Locator("#hospital-table")).ToContainTextAsync("Xiamen (Siming)");

        // The hospital of the active agreement, with its open cohort: deactivation is refused with the reasons.
        int party;
        await using (var db = fixture.NewDbContext())
            party = await db.Agreements.Where(a => a.Status == AgreementStatus.Active).Select(a => a.HospitalId).FirstAsync();
        await page.Locator($"tr[data-institution-id='{party}']").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("#institution-problems")).ToContainTextAsync("complete or cancel the cohort first");
        await journey.CheckpointAsync("created-and-refused");

        await journey.GoToAsync("/Admin/Institutions");
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("院校与医院");
        await journey.CheckpointAsync("list-zh");
    }
}
