using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class ApplicantJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_doctor_registers_applies_is_endorsed_offered_and_accepts()
    {
        await using var doctor = new Journey(fixture, "journey-doctor");
        await using var hospital = new Journey(fixture, "journey-hospital");
        await using var coordinator = new Journey(fixture, "journey-coordinator");
        await doctor.StartAsync();
        var page = doctor.Page;

        await doctor.GoToAsync("/Identity/Account/Register");
        await page.GetByLabel("Full name").FillAsync("Dr. Journey Test");
        await page.GetByLabel("Email").FillAsync("journey@hospital.test");
        await page.GetByLabel("Your hospital").SelectOptionAsync(new SelectOptionValue { Label = "Beijing Capital Teaching Hospital" });
        await page.GetByLabel("Password (12 characters or more)").FillAsync("a long travelling passphrase");
        await page.GetByLabel("Confirm password").FillAsync("a long travelling passphrase");
        var consent = page.GetByLabel("I have read and agree to the privacy notice");
        await consent.FocusAsync();
        await consent.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/Applicant");
        await doctor.CheckpointAsync("registered");
        // Submitting waits for a confirmed address: the doctor follows the link of the email sent at registration.
        await doctor.GoToAsync(await fixture.EmailLinkAsync("journey@hospital.test", "account.confirm-email"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("your email address is confirmed");
        await doctor.GoToAsync("/Applicant");

        await ApplicantSteps.FillProfileAsync(doctor);

        await page.GetByRole(AriaRole.Link, new() { Name = "Host labs" }).First.ClickAsync();
        await page.GetByLabel("Search by name, department or research area").FillAsync("cardio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await doctor.CheckpointAsync("labs");

        await ApplicantSteps.ApplyAndSubmitAsync(doctor);

        // The same application page in Simplified Chinese, then back to English.
        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("我的申请");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await doctor.CheckpointAsync("submitted-zh");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("My application to");
        var applicationUrl = page.Url;
        var id = applicationUrl[(applicationUrl.LastIndexOf('/') + 1)..];

        await hospital.StartAsync();
        await hospital.SignInAsync("hospital@demo.local");
        await hospital.Page.GetByRole(AriaRole.Link, new() { Name = "Journey Test" }).ClickAsync();
        await hospital.CheckpointAsync("endorse");
        await hospital.Page.GetByRole(AriaRole.Button, new() { Name = "Endorse", Exact = true }).ClickAsync();
        await Assertions.Expect(hospital.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endorsed");
        await hospital.CheckpointAsync("endorsed");

        await coordinator.StartAsync();
        await coordinator.SignInAsync("coordinator@demo.local");
        await coordinator.Page.GotoAsync($"/Coordinator/Applications/{id}");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await coordinator.Page.GetByLabel("Supervisor", new() { Exact = true }).FillAsync("Prof. Mary Chan");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Approve and offer the seat" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Offer made");
        await coordinator.CheckpointAsync("offered");

        await page.ReloadAsync();
        await doctor.CheckpointAsync("offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the offer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You accepted the offer.");
        await Assertions.Expect(page.Locator(".lead .badge")).ToHaveTextAsync("Confirmed");
        await doctor.CheckpointAsync("accepted");
    }
}
