using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ExchangePortal.IntegrationTests.Accounts;

/// <summary>
/// People are invited, never self-made staff: the invitation's link works once and for three days, choosing the password
/// confirms the address and signs the invitee in at their home page; an unconfirmed address gets no staff role and cannot
/// submit an application.
/// </summary>
[Collection(PostgresCollection.Name)]
public class InvitationTests(PortalFactory shared) : IClassFixture<PortalFactory>
{
    private const string Passphrase = "an invited person's passphrase";

    [Fact]
    public async Task An_administrator_invites_a_hospital_coordinator_who_chooses_a_password_once_and_lands_on_the_hospital_home()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var admin = await portal.SignInAsync("admin@demo.local");
        var hospital = await HospitalIdAsync(portal, "BCTH");

        var invited = await Inviting.InviteAsync(admin, "new.coordinator@hospital.test", "Wu Fang", Roles.HospitalCoordinator, hospital);

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal("/Admin/Users", invited.Headers.Location!.OriginalString);
        var link = await Inviting.LinkSentToAsync(portal, smtp, "new.coordinator@hospital.test");
        var message = Assert.Single(smtp.Messages);
        Assert.Contains("Ada Ng", message.Subject);
        Assert.Contains("as a hospital coordinator", message.TextBody);
        Assert.Contains("three days", message.TextBody);
        Assert.StartsWith(PortalFactory.PublicUrl + "Identity/Account/ResetPassword?userId=", link);
        await using (var db = portal.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "new.coordinator@hospital.test");
            Assert.False(user.EmailConfirmed);
            Assert.Null(user.PasswordHash);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "user.invited" && e.RecordId == user.Id));
        }

        var (invitee, accepted) = await Inviting.AcceptAsync(portal, link, Passphrase, acceptNotice: false);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/Hospital", accepted.Headers.Location!.OriginalString);
        // Never having consented, the invitee meets the privacy notice first, with the message about the password.
        Assert.StartsWith("/Account/Notice", (await invitee.GetAsync("/Hospital")).Headers.Location!.OriginalString);
        var notice = await invitee.GetPageAsync("/Account/Notice");
        Assert.Contains("your password is set and your email address is confirmed", notice.Document.Text());
        await Inviting.AcceptNoticeAsync(invitee);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/Hospital")).StatusCode);
        await using (var db = portal.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "new.coordinator@hospital.test");
            Assert.True(user.EmailConfirmed);
            Assert.Equal(hospital, user.HospitalId);
        }
        var (_, again) = await Inviting.AcceptAsync(portal, link, "someone else's passphrase");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync(again)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.CreateClientWithoutRedirects().SignInAsync("new.coordinator@hospital.test", Passphrase)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_working_in_Chinese_sends_the_invitation_in_Chinese()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var admin = await portal.SignInAsync("admin@demo.local");
        var switched = await admin.SubmitAsync(await admin.GetPageAsync("/Admin/Users/Invite"), "#language-form", new Dictionary<string, string> { ["culture"] = "zh-Hans" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var page = await admin.GetPageAsync("/Admin/Users/Invite");
        await Inviting.InviteAsync(admin, "wang.fang@university.test", "王芳", Roles.UniversityCoordinator, null);

        Assert.Contains("邀请他人", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("大学协调员", page.Document.QuerySelector("#invite-form")!.TextContent);
        await Inviting.LinkSentToAsync(portal, smtp, "wang.fang@university.test");
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("Ada Ng (programme office)邀请您加入学术交流平台", message.Subject);
        Assert.Contains("以大学协调员身份", message.TextBody);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_with_the_way_to_ask_for_a_new_link()
    {
        await using var smtp = SmtpTestServer.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new EmailPortalFactory(smtp.Port, time: time);
        var admin = await portal.SignInAsync("admin@demo.local");
        await Inviting.InviteAsync(admin, "late.comer@university.test", "Late Comer", Roles.UniversityCoordinator, null);
        var link = await Inviting.LinkSentToAsync(portal, smtp, "late.comer@university.test");

        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var (_, expired) = await Inviting.AcceptAsync(portal, link, Passphrase);

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        var page = await HtmlForms.ParseAsync(expired);
        Assert.Contains("This link does not work any more", page.Text());
        Assert.NotNull(page.QuerySelector("a[href='/Identity/Account/ForgotPassword']"));
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.Where(u => u.Email == "late.comer@university.test").Select(u => u.EmailConfirmed).SingleAsync());
    }

    [Fact]
    public async Task Sending_the_invitation_again_voids_the_first_link()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var admin = await portal.SignInAsync("admin@demo.local");
        await Inviting.InviteAsync(admin, "twice@university.test", "Twice Asked", Roles.Administrator, null);
        var first = await Inviting.LinkSentToAsync(portal, smtp, "twice@university.test");
        string id;
        await using (var db = portal.NewDbContext())
            id = await db.Users.Where(u => u.Email == "twice@university.test").Select(u => u.Id).SingleAsync();

        Assert.Contains("Invited", (await admin.GetPageAsync("/Admin/Users?q=twice")).Document.QuerySelector("tbody")!.TextContent);
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{id}");
        var resent = await admin.SubmitAsync(edit, "#resend-invitation-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var second = await Inviting.LinkSentToAsync(portal, smtp, "twice@university.test");
        Assert.NotEqual(first, second);
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync((await Inviting.AcceptAsync(portal, first, Passphrase)).Response)).Text());
        var (_, accepted) = await Inviting.AcceptAsync(portal, second, Passphrase);
        Assert.Equal("/Admin", accepted.Headers.Location!.OriginalString);
        var afterwards = await admin.GetPageAsync($"/Admin/Users/Edit/{id}");
        Assert.Null(afterwards.Document.QuerySelector("#resend-invitation-form"));
        Assert.Contains("Active", (await admin.GetPageAsync("/Admin/Users?q=twice")).Document.QuerySelector("tbody")!.TextContent);
    }

    [Theory]
    [InlineData("doctor2@demo.local", "Someone", "UniversityCoordinator", false, "An account with this email address exists already")]
    [InlineData("", "Someone", "UniversityCoordinator", false, "Please enter the person's email address.")]
    [InlineData("not an address", "Someone", "UniversityCoordinator", false, "Please enter a valid email address.")]
    [InlineData("nameless@university.test", "", "UniversityCoordinator", false, "Please enter the person's full name.")]
    [InlineData("roleless@university.test", "Someone", null, false, "Choose at least one role.")]
    [InlineData("homeless@hospital.test", "Someone", "HospitalCoordinator", false, "A hospital coordinator must belong to a hospital")]
    [InlineData("homeless@hospital.test", "Someone", "Applicant", false, "An applicant must belong to a hospital")]
    [InlineData("wrong.place@hospital.test", "Someone", "HospitalCoordinator", true, "Choose a hospital from the list.")]
    public async Task Bad_input_is_refused_with_a_message_and_changes_nothing(string email, string name, string? role, bool university, string message)
    {
        var admin = await shared.SignInAsync("admin@demo.local");
        int users, notifications, roles;
        await using (var db = shared.NewDbContext())
            (users, notifications, roles) = (await db.Users.CountAsync(), await db.Notifications.CountAsync(), await db.UserRoles.CountAsync());

        var refused = await Inviting.InviteAsync(admin, email, name, role, university ? await UniversityIdAsync(shared) : null);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await HtmlForms.ParseAsync(refused)).Text());
        await using var check = shared.NewDbContext();
        Assert.Equal((users, notifications, roles), (await check.Users.CountAsync(), await check.Notifications.CountAsync(), await check.UserRoles.CountAsync()));
    }

    [Theory]
    [InlineData(null, "/Admin/Users/Invite", 302)]
    [InlineData("doctor@demo.local", "/Admin/Users/Invite", 403)]
    [InlineData("hospital@demo.local", "/Admin/Users/Invite", 403)]
    [InlineData("coordinator@demo.local", "/Admin/Users/Invite", 403)]
    [InlineData("admin@demo.local", "/Admin/Users/Invite", 200)]
    [InlineData(null, "/Hospital/Staff/Invite", 302)]
    [InlineData("doctor@demo.local", "/Hospital/Staff/Invite", 403)]
    [InlineData("coordinator@demo.local", "/Hospital/Staff/Invite", 403)]
    [InlineData("admin@demo.local", "/Hospital/Staff/Invite", 403)]
    [InlineData("hospital@demo.local", "/Hospital/Staff/Invite", 200)]
    public async Task Only_administrators_invite_anyone_and_only_hospital_coordinators_invite_colleagues(string? user, string path, int expected)
    {
        var client = user is null ? shared.CreateClientWithoutRedirects() : await shared.SignInAsync(user);

        Assert.Equal(expected, (int)(await client.GetAsync(path)).StatusCode);
        if (expected == 403)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task A_hospital_coordinator_invites_a_colleague_of_their_own_hospital_who_then_applies()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var coordinator = await portal.SignInAsync("hospital@demo.local");
        var forged = new Dictionary<string, string>
        {
            ["Input.HospitalId"] = (await HospitalIdAsync(portal, "SRH")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HospitalId"] = (await HospitalIdAsync(portal, "SRH")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles[0].Value"] = Roles.Administrator,
            ["Input.Roles[0].Selected"] = "true",
        };

        var invited = await Inviting.InviteColleagueAsync(coordinator, "colleague@bcth.test", "Dr. Li Colleague", forged);

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal("/Hospital/Staff", invited.Headers.Location!.OriginalString);
        Assert.Contains("The invitation is on its way", (await coordinator.GetPageAsync("/Hospital/Staff")).Document.Text());
        var link = await Inviting.LinkSentToAsync(portal, smtp, "colleague@bcth.test");
        Assert.Contains("Han Jian", Assert.Single(smtp.Messages).TextBody);
        Assert.Contains("as an applicant", smtp.Messages.Single().TextBody);
        await using (var db = portal.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "colleague@bcth.test");
            Assert.Equal(await HospitalIdAsync(portal, "BCTH"), user.HospitalId);
            Assert.Equal([Roles.Applicant], await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, n => n.Id, (_, n) => n.Name).ToListAsync());
            Assert.Equal(user.HospitalId, await db.Doctors.Where(d => d.UserId == user.Id).Select(d => (int?)d.HospitalId).SingleAsync());
        }

        var (doctor, accepted) = await Inviting.AcceptAsync(portal, link, Passphrase);
        Assert.Equal("/Applicant", accepted.Headers.Location!.OriginalString);
        var draft = await Inviting.CompleteDraftAsync(portal, doctor);
        var submitted = await doctor.SubmitAsync(await doctor.GetPageAsync(draft), "#submit-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, await Inviting.StatusOfAsync(portal, draft));
    }

    [Fact]
    public async Task A_colleague_with_an_account_already_is_refused_with_a_message()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var coordinator = await portal.SignInAsync("hospital@demo.local");

        var refused = await Inviting.InviteColleagueAsync(coordinator, "doctor2@demo.local", "Dr. Again");
        var empty = await Inviting.InviteColleagueAsync(coordinator, "", "");

        Assert.Contains("An account with this email address exists already", (await HtmlForms.ParseAsync(refused)).Text());
        var text = (await HtmlForms.ParseAsync(empty)).Text();
        Assert.Contains("Please enter the person's email address.", text);
        Assert.Contains("Please enter the person's full name.", text);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Notifications.AnyAsync(n => n.Kind == "account.invitation"));
    }

    [Fact]
    public async Task A_staff_role_is_refused_to_an_account_whose_address_is_not_confirmed()
    {
        await using (var db = shared.NewDbContext())
            await db.Users.Where(u => u.Email == "doctor03@demo.local").ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false));
        var admin = await shared.SignInAsync("admin@demo.local");
        string id;
        await using (var db = shared.NewDbContext())
            id = await db.Users.Where(u => u.Email == "doctor03@demo.local").Select(u => u.Id).SingleAsync();
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{id}");
        var values = page.Document.QuerySelectorAll("#roles-form input[name$='.Value']").ToDictionary(
            v => v.GetAttribute("name")!.Replace(".Value", ".Selected"), v => v.GetAttribute("value") is Roles.Applicant or Roles.UniversityCoordinator ? "true" : "false");

        var refused = await admin.SubmitAsync(page, "#roles-form", values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("email address is not confirmed, so it cannot be given a staff role", (await HtmlForms.ParseAsync(refused)).Text());
        await using var check = shared.NewDbContext();
        Assert.Equal(1, await check.UserRoles.CountAsync(r => r.UserId == id));
    }

    [Fact]
    public async Task A_registered_applicant_drafts_at_once_but_submits_only_after_confirming_the_address()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var client = await AccountMail.RegisterAsync(portal, "self.registered@hospital.test", "Dr. Self Registered");
        await using (var db = portal.NewDbContext())
            Assert.Equal([Roles.Applicant], await db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.Email == "self.registered@hospital.test"))
                .Join(db.Roles, r => r.RoleId, n => n.Id, (_, n) => n.Name).ToListAsync());
        var draft = await Inviting.CompleteDraftAsync(portal, client);
        Assert.Contains(MyApplicationDetails.ConfirmEmail, (await client.GetPageAsync(draft)).Document.Text());

        var early = await client.SubmitAsync(await client.GetPageAsync(draft), "#submit-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var refused = await HtmlForms.ParseAsync(early);
        Assert.Contains("Confirm your email address", refused.Text());
        Assert.Equal("/Identity/Account/ResendEmailConfirmation", refused.QuerySelector("#resend-confirmation")!.GetAttribute("href"));
        Assert.Equal(ApplicationStatus.Draft, await Inviting.StatusOfAsync(portal, draft));

        var link = new Uri(await Inviting.LinkSentToAsync(portal, smtp, "self.registered@hospital.test"));
        await client.SubmitAsync(await client.GetPageAsync(link.PathAndQuery), "#confirm-email-form", new Dictionary<string, string>());
        var submitted = await client.SubmitAsync(await client.GetPageAsync(draft), "#submit-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, await Inviting.StatusOfAsync(portal, draft));
    }

    private static async Task<int> HospitalIdAsync(PortalFactory portal, string shortName)
    {
        await using var db = portal.NewDbContext();
        return await db.Institutions.Where(i => i.ShortName == shortName).Select(i => i.Id).SingleAsync();
    }

    private static async Task<int> UniversityIdAsync(PortalFactory portal)
    {
        await using var db = portal.NewDbContext();
        return await db.Institutions.Where(i => i.Kind == Core.Institutions.InstitutionKind.University).Select(i => i.Id).FirstAsync();
    }
}
