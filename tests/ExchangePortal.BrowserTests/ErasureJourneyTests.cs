using ExchangePortal.Core.Privacy;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class ErasureJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_doctor_asks_for_erasure_an_administrator_carries_it_out_and_the_account_is_gone()
    {
        var person = await PrivacyWorld.NewDoctorAsync(fixture.Portal);
        await using var doctor = new Journey(fixture, "erasure-doctor");
        await using var admin = new Journey(fixture, "erasure-admin");
        await doctor.StartAsync();
        await admin.StartAsync();

        // The doctor asks, from "My data and privacy".
        await doctor.SignInAsync(person.Email, Person.Password);
        await doctor.NavigateAsync(person.Email, "My data and privacy");
        await doctor.Page.GetByRole(AriaRole.Link, new() { Name = "Request erasure" }).ClickAsync();
        await Assertions.Expect(doctor.Page.Locator("h1")).ToHaveTextAsync("Erase my data");
        await doctor.Page.GetByLabel("Why do you ask (optional)").FillAsync("I have left medicine.");
        await doctor.CheckpointAsync("erasure-form");
        await doctor.Page.Locator("#erasure-request-form").GetByRole(AriaRole.Button, new() { Name = "Request erasure" }).ClickAsync();
        await Assertions.Expect(doctor.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your erasure request was sent to the programme office.");
        await Assertions.Expect(doctor.Page.Locator("#erasure-requests .erasure-state")).ToHaveTextAsync("Waiting for the programme office");
        await doctor.CheckpointAsync("erasure-requested");

        // The administrator follows the email's link, sees what carrying it out does, and confirms.
        await using var db = fixture.NewDbContext();
        var requestId = await db.ErasureRequests.Where(r => r.UserId == person.UserId).Select(r => r.Id).SingleAsync();
        await admin.SignInAsync("admin@demo.local");
        var link = await fixture.EmailLinkAsync("admin@demo.local", "erasure.requested");
        Assert.Equal($"/Admin/Privacy/Request/{requestId}", link);
        await admin.GoToAsync(link);
        await Assertions.Expect(admin.Page.Locator("h1")).ToHaveTextAsync($"Erasure request: {person.Name}");
        await Assertions.Expect(admin.Page.Locator("#request-facts")).ToContainTextAsync("I have left medicine.");
        await admin.CheckpointAsync("request");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Carry out the erasure" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#carry-out-form")).ToContainTextAsync("Please confirm that the person's data is to be erased.");
        await admin.Page.GetByLabel("I understand that this erases the person's data and cannot be undone").CheckAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Carry out the erasure" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The erasure was carried out.");
        await Assertions.Expect(admin.Page.Locator("h1")).Not.ToContainTextAsync(person.Name);
        await admin.CheckpointAsync("carried-out");

        // The doctor's session ends with the account, and the account cannot sign in again.
        await doctor.Page.ReloadAsync();
        await Assertions.Expect(doctor.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
        await doctor.Page.GetByLabel("Email").FillAsync(person.Email);
        await doctor.Page.GetByLabel("Password").FillAsync(Person.Password);
        await doctor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(doctor.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ExchangePortal.Web.Areas.Identity.Pages.Account.LoginModel.Refused);
        await doctor.CheckpointAsync("sign-in-refused");

        await using var after = fixture.NewDbContext();
        Assert.False(await after.Users.AnyAsync(u => u.Id == person.UserId));
        Assert.Equal(ErasureStatus.CarriedOut, await after.ErasureRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());
        Assert.False(await after.Doctors.AnyAsync(d => d.FullName == person.Name || d.Email == person.Email));
    }
}
