using System.Net;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ReviewTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_queue_filters_by_status_and_searches_by_name()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");

        var offered = await client.GetPageAsync("/Coordinator?Filter.Status=Offered");
        var search = await client.GetPageAsync("/Coordinator?Filter.Status=UnderReview&Filter.Q=zhao");
        // A two-character Chinese name has no trigram to narrow by: it takes the search's other query (a literal pattern).
        var chinese = await client.GetPageAsync($"/Coordinator?Filter.Status=UnderReview&Filter.Q={Uri.EscapeDataString("赵丽")}");
        var nonsense = await client.GetPageAsync("/Coordinator?Filter.Status=Nonsense&Filter.P=-4");

        Assert.Equal(2, offered.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(["Zhao Li"], search.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal(["Zhao Li"], chinese.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.OK, nonsense.Response.StatusCode);
    }

    [Fact]
    public async Task The_name_search_takes_quotes_wildcards_and_backslashes_as_letters()
    {
        await using (var db = portal.NewDbContext())
        {
            var cohort = await db.Cohorts.Include(c => c.Labs).SingleAsync(c => c.Status == Core.Cohorts.CohortStatus.Open);
            var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
            var now = DateTimeOffset.UtcNow;
            foreach (var name in new[] { "Aoife O'Neil", "Per 100% Cent", "Under_Score", @"Back\Slash" })
            {
                var email = $"search-{Guid.NewGuid():N}@test";
                var user = new Core.Users.PortalUser { UserName = email, Email = email, DisplayName = name };
                db.Users.Add(user);
                var application = new ExchangeApplication(cohort, new Core.Doctors.VisitingDoctor(user, hospital, name, email), user.Id, now);
                application.ChooseLabs([cohort.Labs[0]], now);
                application.Submit(user.Id, now);
                db.Applications.Add(application);
            }
            await db.SaveChangesAsync();
        }
        var client = await portal.SignInAsync("coordinator@demo.local");

        async Task<string[]> FoundAsync(string q) => (await client.GetPageAsync($"/Coordinator?Filter.Status=Submitted&Filter.Sort=Name&Filter.Q={Uri.EscapeDataString(q)}"))
            .Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToArray();

        Assert.Equal(["Aoife O'Neil"], await FoundAsync("o'neil"));
        Assert.Equal(["Per 100% Cent"], await FoundAsync("100%"));
        Assert.Equal(["Under_Score"], await FoundAsync("r_s"));
        Assert.Equal([@"Back\Slash"], await FoundAsync(@"k\s"));
        Assert.Equal(["Per 100% Cent"], await FoundAsync("%"));
        Assert.Equal(["Under_Score"], await FoundAsync("_"));
        var nul = await client.GetAsync("/Coordinator?Filter.Q=a%00b&Filter.Specialty=%00");
        Assert.Equal(HttpStatusCode.OK, nul.StatusCode); // refused like any invalid filter: the default queue
    }

    [Fact]
    public async Task Requesting_changes_needs_a_comment_then_records_it_and_emails_the_applicant()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var id = await IdOfAsync("Zhao Li");
        var page = await client.GetPageAsync($"/Coordinator/Applications/{id}");

        var empty = await client.SubmitAsync(page, "#request-changes-form", new Dictionary<string, string>());
        Assert.Contains("Please write a comment for the applicant.", (await HtmlForms.ParseAsync(empty)).Text());
        Assert.Equal(ApplicationStatus.UnderReview, await StatusOfAsync(id));

        var done = await client.SubmitAsync(page, "#request-changes-form", new Dictionary<string, string> { ["changes.Text"] = "Add a weekly plan." });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using var db = portal.NewDbContext();
        var application = await db.Applications.Include(a => a.History).Include(a => a.Doctor).SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStatus.ChangesRequested, application.Status);
        Assert.Equal("Add a weekly plan.", application.History.OrderBy(h => h.At).Last().Comment);
        Assert.True(await db.Notifications.AnyAsync(n => n.ToAddress == application.Doctor.Email && n.Kind == "application.ChangesRequested"));
    }

    [Fact]
    public async Task A_decision_on_a_stale_page_is_refused_and_changes_nothing()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var id = await IdOfAsync("Chen Jing");
        var stale = await client.GetPageAsync($"/Coordinator/Applications/{id}");
        await client.SubmitAsync(stale, "#start-review-form", new Dictionary<string, string>());

        var response = await client.SubmitAsync(stale, "#start-review-form", new Dictionary<string, string>());

        Assert.Contains("changed while you were looking at it", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.Equal(1, await db.ApplicationHistory.CountAsync(h => h.ApplicationId == id && h.To == ApplicationStatus.UnderReview));
    }

    [Fact]
    public async Task Twenty_concurrent_approvals_for_the_last_seat_give_exactly_one_offer()
    {
        var (labId, ids) = await ArrangeApplicationsRacingForOneSeatAsync(20);
        var client = await portal.SignInAsync("coordinator@demo.local");
        var pages = new List<HtmlForms.Page>();
        foreach (var id in ids)
            pages.Add(await client.GetPageAsync($"/Coordinator/Applications/{id}"));
        await using var before = portal.NewDbContext();
        var historyBefore = await before.ApplicationHistory.CountAsync(h => ids.Contains(h.ApplicationId));

        var responses = await Task.WhenAll(pages.Select(page => client.SubmitAsync(page, "#approve-form", new Dictionary<string, string>
        {
            ["approval.CohortLabId"] = labId.ToString(),
            ["approval.Supervisor"] = "Dr. Grace Wong",
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refusals = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect)
            .Select(async r => (await HtmlForms.ParseAsync(r)).Text()));
        Assert.Equal(19, refusals.Count(text => text.Contains("This lab has no free seat any more.")));
        await using var db = portal.NewDbContext();
        var lab = await db.CohortLabs.SingleAsync(l => l.Id == labId);
        Assert.Equal(lab.Seats, lab.SeatsTaken);
        Assert.Equal(1, await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Offered));
        Assert.Equal(19, await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.UnderReview));
        Assert.Equal(1, await db.Placements.CountAsync(p => ids.Contains(p.ApplicationId)));
        Assert.Equal(historyBefore + 1, await db.ApplicationHistory.CountAsync(h => ids.Contains(h.ApplicationId)));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == "application.Offered" && n.ToAddress.StartsWith("racer")));
    }

    [Fact]
    public async Task Viewing_a_document_serves_it_and_writes_the_audit_trail()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var id = await IdOfAsync("Yang Lei");
        var page = await client.GetPageAsync($"/Coordinator/Applications/{id}");
        var link = page.Document.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Download")).GetAttribute("href")!;

        var response = await client.GetAsync(System.Net.WebUtility.HtmlDecode(link));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        await using var db = portal.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "document.viewed" && e.ActorId != null));
    }

    [Fact]
    public async Task A_draft_or_unknown_application_is_not_found_and_an_applicant_is_forbidden()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var doctor = await portal.SignInAsync("doctor@demo.local");
        var draft = await IdOfAsync("Li Wei");

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Applications/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Applications/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync($"/Coordinator/Applications/{draft}")).StatusCode);
    }

    [Fact]
    public async Task Refused_decisions_say_why_and_change_nothing()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var (_, ids) = await ArrangeApplicationsRacingForOneSeatAsync(1);
        var id = ids[0];
        var page = await client.GetPageAsync($"/Coordinator/Applications/{id}");
        await using var db = portal.NewDbContext();
        var foreignLab = await db.CohortLabs.Where(l => l.Cohort.Status != Core.Cohorts.CohortStatus.Open).Select(l => l.Id).FirstAsync();
        var historyBefore = await db.ApplicationHistory.CountAsync(h => h.ApplicationId == id);

        var noReason = await client.SubmitAsync(page, "#reject-form", new Dictionary<string, string>());
        var foreign = await client.SubmitAsync(page, "#approve-form", new Dictionary<string, string>
        {
            ["approval.CohortLabId"] = foreignLab.ToString(),
            ["approval.Supervisor"] = "Prof. Chan",
        });
        var wrongState = await client.PostAsync($"/Coordinator/Applications/{id}?handler=StartReview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = page.Document.QuerySelector("#reject-form input[name=version]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = page.Document.QuerySelector("#reject-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        Assert.Contains("Please write a comment for the applicant.", (await HtmlForms.ParseAsync(noReason)).Text());
        Assert.Contains("That lab does not take part in this application's cohort.", (await HtmlForms.ParseAsync(foreign)).Text());
        Assert.Contains("You cannot start reviewing an application that is under review.", (await HtmlForms.ParseAsync(wrongState)).Text());
        Assert.Equal(ApplicationStatus.UnderReview, await StatusOfAsync(id));
        Assert.Equal(historyBefore, await db.ApplicationHistory.CountAsync(h => h.ApplicationId == id));
    }

    [Fact]
    public async Task A_withdrawal_frees_a_seat_that_goes_to_the_waitlisted_application()
    {
        var offered = await IdOfAsync("Zhou Jie");
        var waiting = await IdOfAsync("Wu Xia");
        var applicant = await portal.SignInAsync("doctor09@demo.local");
        var page = await applicant.GetPageAsync($"/Applicant/Applications/{offered}");

        await applicant.SubmitAsync(page, "#withdraw-form", new Dictionary<string, string> { ["Withdrawal.Confirm"] = "true" });

        Assert.Equal(ApplicationStatus.Withdrawn, await StatusOfAsync(offered));
        Assert.Equal(ApplicationStatus.Offered, await StatusOfAsync(waiting));
    }

    private async Task<int> IdOfAsync(string doctor)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Doctor.FullName == doctor && a.Cohort.Status == Core.Cohorts.CohortStatus.Open)
            .Select(a => a.Id).SingleAsync();
    }

    private async Task<ApplicationStatus> StatusOfAsync(int id)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    private async Task<(int LabId, List<int> Ids)> ArrangeApplicationsRacingForOneSeatAsync(int count)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs).ThenInclude(l => l.HostLab)
            .SingleAsync(c => c.Status == Core.Cohorts.CohortStatus.Open);
        var lab = cohort.Labs.Single(l => l.HostLab.Name == "MedTech Innovation Lab");
        lab.ChangeSeats(lab.SeatsTaken + 1);
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var applications = new List<ExchangeApplication>();
        for (var i = 0; i < count; i++)
        {
            var email = $"racer{i}-{Guid.NewGuid():N}@test";
            var user = new Core.Users.PortalUser { UserName = email, Email = email, DisplayName = "Racer" };
            db.Users.Add(user);
            var doctor = new Core.Doctors.VisitingDoctor(user, hospital, $"Racer {i}", user.Email);
            var application = new ExchangeApplication(cohort, doctor, user.Id, DateTimeOffset.UtcNow);
            application.ChooseLabs([lab], DateTimeOffset.UtcNow);
            application.Submit(user.Id, DateTimeOffset.UtcNow);
            application.Endorse(user.Id, DateTimeOffset.UtcNow);
            application.StartReview(user.Id, DateTimeOffset.UtcNow);
            db.Applications.Add(application);
            applications.Add(application);
        }
        await db.SaveChangesAsync();
        return (lab.Id, applications.Select(a => a.Id).ToList());
    }
}
