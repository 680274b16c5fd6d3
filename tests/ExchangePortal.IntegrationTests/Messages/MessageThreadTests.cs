using System.Net;
using ExchangePortal.Core.Messages;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ExchangePortal.IntegrationTests.Messages;

/// <summary>The thread between the university's coordinators and an applicant, the coordinators' internal notes, who reads
/// what, the emails through a real SMTP server, the history and the audit trail.</summary>
[Collection(PostgresCollection.Name)]
public class MessageThreadTests(MessagePortal fixture) : IClassFixture<MessagePortal>
{
    private EmailPortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task A_coordinators_message_is_emailed_to_the_applicant_in_their_language_with_an_absolute_link_and_joins_the_history()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(Portal, "zh-Hans");
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");

        var response = await SendAsync(coordinator, $"/Coordinator/Applications/{id}/Messages", "Please bring your insurance certificate.\nThank you.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await MessageWorld.DispatchAsync(Portal);
        var email = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == doctor.Email), TimeSpan.FromSeconds(10));
        Assert.Contains("交流办公室", email.Subject);
        Assert.Contains("Please bring your insurance certificate.", email.TextBody);
        Assert.Contains($"{PortalFactory.PublicUrl}Applicant/Applications/{id}/Messages", email.TextBody);
        var applicant = await Portal.SignInAsync(doctor.Email, Person.Password);
        var page = await applicant.GetPageAsync($"/Applicant/Applications/{id}/Messages");
        Assert.Equal("与交流办公室的留言", page.Document.QuerySelector("h1")!.TextContent);
        var message = Assert.Single(page.Document.QuerySelectorAll("#thread .thread-message"));
        Assert.Contains("交流办公室的留言", message.TextContent);
        Assert.Contains("Please bring your insurance certificate.", message.TextContent);
        Assert.Equal(2, page.Document.QuerySelectorAll("#thread .thread-status").Length); // draft, then submitted: the history around it
        await using var db = Portal.NewDbContext();
        var coordinatorId = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "application.message" && e.RecordId == id.ToString());
        Assert.Equal(coordinatorId, audit.ActorId);
        Assert.Equal(nameof(MessageKind.FromUniversity), audit.Changes["Kind"].After);
    }

    [Fact]
    public async Task The_applicants_reply_is_emailed_to_the_university_coordinators_with_a_link_to_the_thread()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(Portal);
        var applicant = await Portal.SignInAsync(doctor.Email, Person.Password);
        var details = await applicant.GetPageAsync($"/Applicant/Applications/{id}");
        Assert.NotNull(details.Document.QuerySelector($"#messages-link[href='/Applicant/Applications/{id}/Messages']"));

        var response = await SendAsync(applicant, $"/Applicant/Applications/{id}/Messages", "My insurance runs until 28 October.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await MessageWorld.DispatchAsync(Portal);
        var email = await fixture.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == "coordinator@demo.local")
            && m.TextBody?.Contains("My insurance runs until 28 October.") == true, TimeSpan.FromSeconds(10));
        Assert.Equal($"{doctor.Name} sent a message about their application to {await CohortOfAsync(id)}", email.Subject);
        Assert.Contains($"{PortalFactory.PublicUrl}Coordinator/Applications/{id}/Messages", email.TextBody);
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        var thread = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Messages");
        Assert.Contains("Message from the applicant", Assert.Single(thread.Document.QuerySelectorAll("#thread .thread-message")).TextContent);
        var review = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        Assert.NotNull(review.Document.QuerySelector($"#messages-link[href='/Coordinator/Applications/{id}/Messages']"));
    }

    [Fact]
    public async Task Internal_notes_are_read_by_university_coordinators_only_and_email_nobody()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(Portal);
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        await SendAsync(coordinator, $"/Coordinator/Applications/{id}/Messages", "Visible to the applicant.");
        var emailsBefore = await CountAsync(db => db.Notifications);

        var page = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Messages");
        var response = await coordinator.SubmitAsync(page, "#note-form", new Dictionary<string, string> { ["note.Text"] = "Licence looks expired; check with BCTH." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(emailsBefore, await CountAsync(db => db.Notifications));
        var staffView = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Messages");
        Assert.Contains("Licence looks expired", Assert.Single(staffView.Document.QuerySelectorAll("#thread .thread-note")).TextContent);
        var applicant = await Portal.SignInAsync(doctor.Email, Person.Password);
        var hospital = await Portal.SignInAsync("hospital@demo.local");
        foreach (var (client, path) in new[] { (applicant, $"/Applicant/Applications/{id}/Messages"), (hospital, $"/Hospital/Applications/{id}/Messages") })
        {
            var view = await client.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, view.Response.StatusCode);
            Assert.Contains("Visible to the applicant.", view.Document.Text());
            Assert.DoesNotContain("Licence looks expired", view.Document.Text());
            Assert.Empty(view.Document.QuerySelectorAll(".thread-note"));
        }
        Assert.Equal(1, await CountAsync(db => db.AuditEntries.Where(e => e.Action == "application.note" && e.RecordId == id.ToString())));
    }

    [Fact]
    public async Task The_hospital_coordinator_of_the_doctors_hospital_reads_the_thread_but_cannot_post_in_it()
    {
        var (_, id) = await MessageWorld.SignedUpApplicantAsync(Portal);
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        await SendAsync(coordinator, $"/Coordinator/Applications/{id}/Messages", "Welcome to the programme.");
        var hospital = await Portal.SignInAsync("hospital@demo.local");

        var page = await hospital.GetPageAsync($"/Hospital/Applications/{id}/Messages");
        var post = await MessagePortal.PostWithTokenAsync(hospital, "/Hospital", $"/Hospital/Applications/{id}/Messages",
            new() { ["message.Text"] = "A hospital's word." });

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Welcome to the programme.", page.Document.Text());
        Assert.Empty(page.Document.QuerySelectorAll("form textarea"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(1, await CountAsync(db => db.ApplicationMessages.Where(m => m.ApplicationId == id)));
        var endorse = await hospital.GetPageAsync($"/Hospital/Applications/{id}");
        Assert.NotNull(endorse.Document.QuerySelector($"#messages-link[href='/Hospital/Applications/{id}/Messages']"));
    }

    [Fact]
    public async Task Nobody_reads_or_writes_a_thread_that_is_not_theirs()
    {
        var (_, id) = await MessageWorld.SignedUpApplicantAsync(Portal);
        int draft;
        await using (var db = Portal.NewDbContext())
            draft = await db.Applications.Where(a => a.Doctor.Email == "doctor@demo.local").Select(a => a.Id).FirstAsync();
        var otherApplicant = await Portal.SignInAsync("doctor@demo.local");
        var otherHospital = await Portal.SignInAsync("hospital2@demo.local");
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        var admin = await Portal.SignInAsync("admin@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await otherApplicant.GetAsync($"/Applicant/Applications/{id}/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MessagePortal.PostWithTokenAsync(otherApplicant, $"/Applicant/Applications/{draft}",
            $"/Applicant/Applications/{id}/Messages", new() { ["message.Text"] = "Not mine." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHospital.GetAsync($"/Hospital/Applications/{id}/Messages")).StatusCode);
        // A draft is the applicant's own: the university has no thread on it yet.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Applications/{draft}/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Applications/999999/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Coordinator/Applications/{id}/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApplicant.GetAsync($"/Coordinator/Applications/{id}/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Hospital/Applications/{id}/Messages")).StatusCode);
        Assert.Equal(0, await CountAsync(db => db.ApplicationMessages.Where(m => m.ApplicationId == id)));
    }

    [Fact]
    public async Task Bad_input_gets_a_message_in_the_users_language_and_writes_nothing()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(Portal, "zh-Hans");
        var applicant = await Portal.SignInAsync(doctor.Email, Person.Password);

        var empty = await HtmlForms.ParseAsync(await SendAsync(applicant, $"/Applicant/Applications/{id}/Messages", "   "));
        var tooLong = await HtmlForms.ParseAsync(await SendAsync(applicant, $"/Applicant/Applications/{id}/Messages", new string('长', ApplicationMessage.MaxTextLength + 1)));

        Assert.Contains("请填写留言内容。", empty.Text());
        Assert.Contains("留言请勿超过4000个字符。", tooLong.Text());
        Assert.Equal(0, await CountAsync(db => db.ApplicationMessages.Where(m => m.ApplicationId == id)));
    }

    [Fact]
    public async Task A_sent_message_is_never_edited_and_a_closed_application_takes_notes_but_no_messages()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(Portal);
        var coordinator = await Portal.SignInAsync("coordinator@demo.local");
        await SendAsync(coordinator, $"/Coordinator/Applications/{id}/Messages", "The original words.");

        await using (var db = Portal.NewDbContext())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ApplicationMessages.Where(m => m.ApplicationId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, "Other words.")));
            Assert.Contains("not edited once sent", refused.MessageText);
        }
        await MessageWorld.WithdrawAsync(Portal, id);
        var page = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Messages");
        var refusedPost = await MessagePortal.PostWithTokenAsync(coordinator, $"/Coordinator/Applications/{id}/Messages",
            $"/Coordinator/Applications/{id}/Messages?handler=Message", new() { ["message.Text"] = "Too late." });
        var note = await coordinator.SubmitAsync(page, "#note-form", new Dictionary<string, string> { ["note.Text"] = "Withdrew after the call." });
        var applicant = await Portal.SignInAsync(doctor.Email, Person.Password);
        var applicantPage = await applicant.GetPageAsync($"/Applicant/Applications/{id}/Messages");

        Assert.Null(page.Document.QuerySelector("#message-form"));
        Assert.NotNull(page.Document.QuerySelector("#thread-closed"));
        Assert.Equal(HttpStatusCode.OK, refusedPost.StatusCode);
        Assert.Contains(MessageRules.Closed, (await HtmlForms.ParseAsync(refusedPost)).Text());
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Null(applicantPage.Document.QuerySelector("#message-form"));
        await using var check = Portal.NewDbContext();
        Assert.Equal(["The original words.", "Withdrew after the call."],
            await check.ApplicationMessages.Where(m => m.ApplicationId == id).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string text)
    {
        var page = await client.GetPageAsync(path);
        return await client.SubmitAsync(page, "#message-form", new Dictionary<string, string> { ["message.Text"] = text });
    }

    private async Task<int> CountAsync<T>(Func<Core.Data.PortalDbContext, IQueryable<T>> rows)
    {
        await using var db = Portal.NewDbContext();
        return await rows(db).CountAsync();
    }

    private async Task<string> CohortOfAsync(int id)
    {
        await using var db = Portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Cohort.Name).SingleAsync();
    }
}
