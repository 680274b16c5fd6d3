using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class SignInJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("admin@demo.local", "/Admin", "Programme dashboard")]
    [InlineData("coordinator@demo.local", "/Coordinator", "Review queue")]
    [InlineData("hospital@demo.local", "/Hospital", "Applications waiting for endorsement")]
    [InlineData("doctor@demo.local", "/Applicant", "My applications")]
    public async Task Each_demo_role_signs_in_and_lands_on_its_home_page(string email, string home, string heading)
    {
        await using var journey = new Journey(fixture, home.Trim('/').ToLowerInvariant());
        await journey.StartAsync();

        await journey.SignInAsync(email);

        Assert.Equal(fixture.BaseUrl + home, journey.Page.Url);
        Assert.Equal(heading, await journey.Page.Locator("h1").InnerTextAsync());
        await journey.CheckpointAsync("home");
        await journey.SignOutAsync(email);
        await journey.Page.WaitForURLAsync(fixture.BaseUrl + "/");
        await journey.CheckpointAsync("signed-out");
    }

    [Fact]
    public async Task A_visitor_reads_the_programme_searches_the_labs_and_registers()
    {
        await using var journey = new Journey(fixture, "visitor");
        await journey.StartAsync();

        await journey.GoToAsync("/");
        Assert.Contains("Strategic Cooperation Agreement", await journey.Page.Locator("main").InnerTextAsync());
        await journey.CheckpointAsync("programme");

        await journey.Page.GetByRole(AriaRole.Link, new() { Name = "Host labs" }).First.ClickAsync();
        await journey.Page.GetByLabel("Search by name, department or research area").FillAsync("robotics");
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(journey.Page.Locator("article")).ToHaveCountAsync(1);
        await journey.CheckpointAsync("labs-search");

        await journey.Page.GetByRole(AriaRole.Link, new() { Name = "MedTech Innovation Lab" }).ClickAsync();
        await Assertions.Expect(journey.Page.Locator("h1")).ToHaveTextAsync("MedTech Innovation Lab");
        await journey.CheckpointAsync("lab");

        await journey.GoToAsync("/Identity/Account/Register");
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(journey.Page.GetByText("Please enter your full name.")).ToBeVisibleAsync();
        await journey.CheckpointAsync("register-errors");

        await journey.Page.GetByLabel("Full name").FillAsync("Dr. Browser Test");
        await journey.Page.GetByLabel("Email").FillAsync("browser.test@hospital.test");
        await journey.Page.GetByLabel("Your hospital").SelectOptionAsync(new SelectOptionValue { Label = "Beijing Capital Teaching Hospital" });
        await journey.Page.GetByLabel("Password (12 characters or more)").FillAsync("a long browser passphrase");
        await journey.Page.GetByLabel("Confirm password").FillAsync("a long browser passphrase");
        var consent = journey.Page.GetByLabel("I have read and agree to the privacy notice");
        await consent.FocusAsync(); // as a user tabbing on: leaving the last field re-validates it first
        await consent.CheckAsync();
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await journey.Page.WaitForURLAsync(fixture.BaseUrl + "/Applicant");
        Assert.Contains("You have not applied to a cohort yet", await journey.Page.Locator("main").InnerTextAsync());
        await journey.CheckpointAsync("registered");
    }

    [Fact]
    public async Task An_applicant_who_opens_the_admin_dashboard_sees_a_friendly_access_denied_page()
    {
        await using var journey = new Journey(fixture, "denied");
        await journey.StartAsync();
        await journey.SignInAsync("doctor2@demo.local");

        var response = await journey.Page.GotoAsync("/Admin");

        Assert.Equal(403, response!.Status);
        Assert.Equal("Access denied", await journey.Page.Locator("h1").InnerTextAsync());
        journey.ConsoleErrors.RemoveAll(e => e.Contains("403"));
        await journey.CheckpointAsync("access-denied");
    }
}
