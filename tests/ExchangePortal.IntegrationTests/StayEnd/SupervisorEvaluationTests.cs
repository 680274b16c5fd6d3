using System.Net;
using System.Security.Cryptography;
using System.Text;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Stays;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ExchangePortal.IntegrationTests.StayEnd.StayEndData;

namespace ExchangePortal.IntegrationTests.StayEnd;

[Collection(PostgresCollection.Name)]
public class SupervisorEvaluationTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    [Fact]
    public async Task Arrival_emails_the_supervisor_a_single_use_link_that_stores_only_its_hash_and_the_coordinator_sees_the_evaluation()
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, "doctor16@demo.local", ApplicationStatus.Confirmed);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        // Before the stay: the address is saved, no link is sent yet.
        var supervisorPage = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Supervisor");
        var refused = await coordinator.SubmitAsync(supervisorPage, "#supervisor-form", new Dictionary<string, string> { ["Supervisor.Email"] = "not an address" });
        Assert.Contains("Give a valid email address for the supervisor.", (await HtmlForms.ParseAsync(refused)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(supervisorPage, "#supervisor-form", new Dictionary<string, string>
        {
            ["Supervisor.Name"] = "Prof. Helen Ho",
            ["Supervisor.Email"] = "helen.ho@university.test",
        })).StatusCode);
        Assert.Equal(0, await db.EvaluationLinks.CountAsync(l => l.ApplicationId == id));

        var review = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(review, "#arrived-form", new Dictionary<string, string>())).StatusCode);

        var email = await db.Notifications.SingleAsync(n => n.Kind == "evaluation.arrived" && n.ToAddress == "helen.ho@university.test");
        Assert.Contains("Prof. Helen Ho，您好", email.Body);
        Assert.Contains("Dear Prof. Helen Ho", email.Body);
        var token = TokenIn(email.Body);
        var link = await db.EvaluationLinks.SingleAsync(l => l.ApplicationId == id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), link.TokenHash);
        Assert.NotEqual(token, link.TokenHash);
        Assert.Equal(portal.Clock.Now + TimeSpan.FromDays(30), link.ExpiresAt);

        var supervisor = portal.CreateClientWithoutRedirects();
        var form = await supervisor.GetPageAsync($"/Evaluation/{token}");
        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        var incomplete = await supervisor.SubmitAsync(form, "#evaluation-form", new Dictionary<string, string> { ["Evaluation.Comments"] = "x" });
        Assert.Contains("Give every score from 1 to 5.", (await HtmlForms.ParseAsync(incomplete)).Text());
        Assert.Equal(0, await db.SupervisorEvaluations.CountAsync(e => e.ApplicationId == id));

        var sent = await supervisor.SubmitAsync(form, "#evaluation-form", Scores(comments: "Ran the imaging study on her own."));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/Evaluation/Thanks", sent.Headers.Location!.OriginalString);
        var evaluation = await db.SupervisorEvaluations.SingleAsync(e => e.ApplicationId == id);
        Assert.Equal((5, 4, true, "Prof. Helen Ho", AnswerLanguage.English), (evaluation.Attendance, evaluation.Teamwork, evaluation.RecommendForFuture,
            evaluation.SupervisorName, evaluation.Language));

        // Used: the link is a 404, for a look and for a second post alike, and nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Evaluation/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.SubmitAsync(form, "#evaluation-form", Scores(score: 1))).StatusCode);
        Assert.Equal(1, await db.SupervisorEvaluations.CountAsync(e => e.ApplicationId == id));
        Assert.Equal(4, (await db.SupervisorEvaluations.AsNoTracking().SingleAsync(e => e.ApplicationId == id)).Teamwork);

        var seen = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}");
        var shown = seen.Document.QuerySelector("#evaluation")!.TextContent;
        Assert.Contains("Ran the imaging study on her own.", shown);
        Assert.Contains("Recommends for future exchanges", shown);
    }

    [Fact]
    public async Task An_unknown_or_expired_link_is_a_friendly_404_and_a_new_address_during_the_stay_gets_a_new_link()
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, "doctor15@demo.local", ApplicationStatus.InProgress);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var page = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Supervisor");
        await coordinator.SubmitAsync(page, "#supervisor-form", new Dictionary<string, string>
        {
            ["Supervisor.Name"] = "Dr. Sam Lee",
            ["Supervisor.Email"] = "sam.lee@university.test",
        });
        var token = TokenIn((await db.Notifications.SingleAsync(n => n.ToAddress == "sam.lee@university.test")).Body);
        var anonymous = portal.CreateClientWithoutRedirects();

        var unknown = await anonymous.GetPageAsync($"/Evaluation/{token[..^4]}abcd");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Response.StatusCode);
        Assert.Contains("Page not found", unknown.Document.Text());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Evaluation/{token}")).StatusCode);

        portal.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Evaluation/{token}")).StatusCode);
        Assert.Equal(0, await db.SupervisorEvaluations.CountAsync(e => e.ApplicationId == id));
    }

    [Fact]
    public async Task The_supervisor_is_reminded_a_week_before_the_end_and_weekly_after_it_until_the_evaluation_is_in()
    {
        await using var db = portal.NewDbContext();
        var id = await ApplicationOfAsync(db, "doctor14@demo.local", ApplicationStatus.InProgress);
        await db.Placements.Where(p => p.ApplicationId == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.SupervisorEmail, "reminded@university.test").SetProperty(p => p.EndsOn, portal.Today.AddDays(8)));
        var kinds = new List<int>();
        foreach (var days in new[] { 0, 1, 0, 8, 1, 5 })
        {
            portal.Time.Advance(TimeSpan.FromDays(days));
            await RunRemindersAsync();
            kinds.Add(await db.Notifications.CountAsync(n => n.ToAddress == "reminded@university.test"));
        }

        // 8 days left: nothing; 7: ends-7; again the same day: nothing; the day after the end: after-7; then nothing until a week later.
        Assert.Equal([0, 1, 1, 2, 2, 2], kinds);
        var endsOn = await db.Placements.Where(p => p.ApplicationId == id).Select(p => p.EndsOn).SingleAsync();
        var keys = await db.SentReminders.Where(r => r.Key.StartsWith($"evaluation:{id}:")).OrderBy(r => r.Id).Select(r => r.Key).ToListAsync();
        Assert.Equal([$"evaluation:{id}:ends-7:{endsOn:yyyy-MM-dd}", $"evaluation:{id}:after-7:{endsOn:yyyy-MM-dd}"], keys.Select(k => k[..k.LastIndexOf(':')]));
        Assert.Equal(["evaluation.reminder.ends-7", "evaluation.reminder.after-7"],
            await db.Notifications.Where(n => n.ToAddress == "reminded@university.test").OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync());

        // Each reminder is a link of its own; once one is used, no more reminders and the other links are 404 too.
        var bodies = await db.Notifications.Where(n => n.ToAddress == "reminded@university.test").OrderBy(n => n.Id).Select(n => n.Body).ToListAsync();
        var (first, second) = (TokenIn(bodies[0]), TokenIn(bodies[1]));
        Assert.NotEqual(first, second);
        var supervisor = portal.CreateClientWithoutRedirects();
        var form = await supervisor.GetPageAsync($"/Evaluation/{second}");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(form, "#evaluation-form", Scores())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Evaluation/{first}")).StatusCode);
        portal.Time.Advance(TimeSpan.FromDays(7));
        await RunRemindersAsync();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.ToAddress == "reminded@university.test"));
    }

    [Fact]
    public void The_windows_are_7_days_before_the_end_then_weekly_for_four_weeks()
    {
        Assert.Equal([null, "ends-7", "ends-7", "after-7", "after-7", "after-14", "after-28", null],
            new[] { 8, 7, 0, -1, -7, -8, -28, -29 }.Select(Reminders.EvaluationWindow));
    }

    private async Task RunRemindersAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync();
    }
}
