using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ApplicantActionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_applicant_sees_only_their_own_application()
    {
        var id = await IdOfAsync("doctor09@demo.local");
        var owner = await portal.SignInAsync("doctor09@demo.local");
        var other = await portal.SignInAsync("doctor@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/Applicant/Applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Applicant/Applications/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_draft_shows_its_to_do_list_and_the_next_deadline()
    {
        var id = await IdOfAsync("doctor@demo.local");
        var client = await portal.SignInAsync("doctor@demo.local");

        var page = await client.GetPageAsync($"/Applicant/Applications/{id}");

        Assert.StartsWith("Next deadline: applications close on", page.Document.QuerySelector("#next-deadline")!.TextContent);
        Assert.Contains("Upload your CV.", page.Document.QuerySelector("#todo-heading")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Declining_an_offer_frees_the_seat_for_the_first_waitlisted_application()
    {
        var declining = await IdOfAsync("doctor09@demo.local");
        var waiting = await IdOfAsync("doctor10@demo.local");
        var client = await portal.SignInAsync("doctor09@demo.local");
        var page = await client.GetPageAsync($"/Applicant/Applications/{declining}");

        var response = await client.SubmitAsync(page, "#decline-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.Equal(ApplicationStatus.Declined, await db.Applications.Where(a => a.Id == declining).Select(a => a.Status).SingleAsync());
        var next = await db.Applications.Include(a => a.Placement).ThenInclude(p => p!.CohortLab).SingleAsync(a => a.Id == waiting);
        Assert.Equal(ApplicationStatus.Offered, next.Status);
        Assert.Equal(next.Placement!.CohortLab.Seats, next.Placement.CohortLab.SeatsTaken);
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "waitlist.offered" && n.ToAddress == "coordinator@demo.local"));
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "application.Offered" && n.ToAddress == "doctor10@demo.local"));
    }

    [Fact]
    public async Task Withdrawing_needs_a_confirmation()
    {
        var id = await IdOfAsync("doctor07@demo.local");
        var client = await portal.SignInAsync("doctor07@demo.local");
        var page = await client.GetPageAsync($"/Applicant/Applications/{id}");

        var refused = await client.SubmitAsync(page, "#withdraw-form", new Dictionary<string, string>());
        Assert.Contains("Tick the box to confirm", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(ApplicationStatus.UnderReview, await StatusOfAsync(id));

        await client.SubmitAsync(page, "#withdraw-form", new Dictionary<string, string> { ["Withdrawal.Confirm"] = "true" });

        Assert.Equal(ApplicationStatus.Withdrawn, await StatusOfAsync(id));
    }

    [Fact]
    public async Task Resubmitting_after_changes_sends_the_revised_plan_back_to_review()
    {
        var id = await IdOfAsync("doctor08@demo.local");
        var client = await portal.SignInAsync("doctor08@demo.local");
        var page = await client.GetPageAsync($"/Applicant/Applications/{id}");
        Assert.Contains("Please describe what you will learn", page.Document.Text());

        var empty = await client.SubmitAsync(page, "#resubmit-form", new Dictionary<string, string> { ["resubmit.Plan"] = "" });
        Assert.Contains("Please describe your research or learning plan.", (await HtmlForms.ParseAsync(empty)).Text());

        await client.SubmitAsync(page, "#resubmit-form", new Dictionary<string, string> { ["resubmit.Plan"] = "Week 1: imaging; week 2: devices." });

        await using var db = portal.NewDbContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStatus.UnderReview, application.Status);
        Assert.Equal("Week 1: imaging; week 2: devices.", application.Plan);
    }

    [Fact]
    public async Task Accepting_an_offer_confirms_it()
    {
        var id = await IdOfAsync("doctor20@demo.local");
        var client = await portal.SignInAsync("doctor20@demo.local");
        var page = await client.GetPageAsync($"/Applicant/Applications/{id}");

        await client.SubmitAsync(page, "#accept-form", new Dictionary<string, string>());

        Assert.Equal(ApplicationStatus.Confirmed, await StatusOfAsync(id));
    }

    private async Task<int> IdOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Doctor.Email == email && a.Cohort.Status == Core.Cohorts.CohortStatus.Open)
            .Select(a => a.Id).SingleAsync();
    }

    private async Task<ApplicationStatus> StatusOfAsync(int id)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }
}
