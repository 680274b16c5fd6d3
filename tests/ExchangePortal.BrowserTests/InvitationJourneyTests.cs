using ExchangePortal.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>
/// Going live by invitation: the first administrator (create-admin) chooses a password from the emailed link, invites a
/// hospital's coordinator, who lands on /Hospital and invites a doctor, who chooses a password and applies. The emails are
/// read from the outbox, as their recipients would open them.
/// </summary>
public class InvitationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_first_administrator_invites_a_hospital_coordinator_who_invites_a_doctor_who_applies()
    {
        await using var admin = new Journey(fixture, "invite-admin");
        await using var coordinator = new Journey(fixture, "invite-coordinator");
        await using var doctor = new Journey(fixture, "invite-doctor");
        await using (var scope = fixture.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().CreateAsync("it.office@university.test", "IT Office");
        await admin.StartAsync();
        await AcceptAsync(admin, "it.office@university.test", "account.set-password", "/Admin");

        var hospital = await CreateHospitalAsync(admin, "Pearl River Hospital", "PRH");
        await admin.GoToAsync("/Admin/Users");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Invite someone" }).ClickAsync();
        await admin.Page.GetByLabel("Email").FillAsync("coordinator@prh.test");
        await admin.Page.GetByLabel("Full name").FillAsync("Zhou Min");
        await admin.Page.GetByLabel("Hospital coordinator", new() { Exact = true }).CheckAsync();
        await admin.Page.GetByLabel("Hospital (for hospital coordinators and applicants)").SelectOptionAsync(new SelectOptionValue { Label = hospital });
        await admin.CheckpointAsync("invite");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The invitation is on its way");
        await admin.CheckpointAsync("invited");

        await coordinator.StartAsync();
        await AcceptAsync(coordinator, "coordinator@prh.test", "account.invitation", "/Hospital");
        await coordinator.GoToAsync("/Hospital/Staff");
        await coordinator.Page.GetByRole(AriaRole.Link, new() { Name = "Invite a colleague to apply" }).ClickAsync();
        await coordinator.Page.GetByLabel("Email").FillAsync("doctor@prh.test");
        await coordinator.Page.GetByLabel("Full name").FillAsync("Dr. Qian Hui");
        await coordinator.CheckpointAsync("invite-colleague");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The invitation is on its way");
        await coordinator.CheckpointAsync("colleague-invited");

        await doctor.StartAsync();
        await AcceptAsync(doctor, "doctor@prh.test", "account.invitation", "/Applicant");
        await Assertions.Expect(doctor.Page.Locator("main")).ToContainTextAsync(hospital);
        await ApplicantSteps.FillProfileAsync(doctor);
        await ApplicantSteps.ApplyAndSubmitAsync(doctor);
    }

    /// <summary>Opens the emailed link, chooses a password and lands signed in on the role's home page.</summary>
    private async Task AcceptAsync(Journey journey, string email, string kind, string home)
    {
        await journey.GoToAsync(await fixture.EmailLinkAsync(email, kind));
        await journey.Page.GetByLabel("New password (12 characters or more)").FillAsync("an invited journey passphrase");
        await journey.Page.GetByLabel("Confirm password").FillAsync("an invited journey passphrase");
        await journey.CheckpointAsync("choose-password");
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        // Never having consented, the invitee meets the privacy notice first (with the message), accepts it and goes home.
        await journey.Page.WaitForURLAsync(url => url.Contains("/Account/Notice", StringComparison.Ordinal));
        await Assertions.Expect(journey.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("your password is set");
        await journey.CheckpointAsync("privacy-notice");
        await journey.Page.GetByRole(AriaRole.Button, new() { Name = "I accept" }).ClickAsync();
        await journey.Page.WaitForURLAsync(fixture.BaseUrl + home);
        await journey.CheckpointAsync("welcome");
    }

    /// <summary>The administrator creates the hospital at /Admin/Institutions, as an operator going live does.</summary>
    private static async Task<string> CreateHospitalAsync(Journey admin, string name, string shortName)
    {
        await admin.GoToAsync("/Admin/Institutions");
        var form = admin.Page.Locator("#institution-new-form");
        await form.GetByLabel("University or hospital").SelectOptionAsync(new SelectOptionValue { Label = "Hospital" });
        await form.GetByLabel("Institution name").FillAsync(name);
        await form.GetByLabel("Short name").FillAsync(shortName);
        await form.GetByLabel("City").FillAsync("Guangzhou");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create the institution" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Institution created.");
        await admin.CheckpointAsync("hospital-created");
        return name;
    }
}
