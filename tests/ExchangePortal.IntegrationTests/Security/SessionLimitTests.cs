using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Users;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Security;

/// <summary>Server-side sessions on a fake clock: idle time per audience, a fixed lifetime, sign-out and stamp changes end them.</summary>
[Collection(PostgresCollection.Name)]
public class SessionLimitTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    private const string CookieName = ".AspNetCore.Identity.Application";

    [Theory]
    [InlineData("coordinator@demo.local", "/Coordinator", 30)]
    [InlineData("hospital@demo.local", "/Hospital", 30)]
    [InlineData("doctor03@demo.local", "/Applicant", 60)]
    public async Task Activity_keeps_a_session_and_a_minute_past_the_idle_limit_the_next_request_goes_to_sign_in(string email, string home, int idleMinutes)
    {
        var client = await portal.SignInAsync(email);

        var statuses = new List<HttpStatusCode>();
        foreach (var idle in new[] { idleMinutes - 1, idleMinutes - 1, idleMinutes + 1 })
        {
            portal.Time.Advance(TimeSpan.FromMinutes(idle));
            statuses.Add((await client.GetAsync(home)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
        Assert.True(GoesToSignIn(await client.GetAsync(home)));
        Assert.All(await SessionsOfAsync(email), s => Assert.NotNull(s.EndedAt));
    }

    [Fact]
    public async Task After_twelve_hours_even_an_active_session_ends()
    {
        var coordinator = await portal.SignInAsync("hospital2@demo.local");
        var signedInAt = portal.Time.GetUtcNow();

        var answers = new List<HttpResponseMessage>();
        while (portal.Time.GetUtcNow() - signedInAt < TimeSpan.FromHours(12))
        {
            portal.Time.Advance(TimeSpan.FromMinutes(25));
            answers.Add(await coordinator.GetAsync("/Hospital"));
        }

        Assert.Equal(29, answers.Count);
        Assert.All(answers[..28], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode)); // until 11 h 40 min
        Assert.True(GoesToSignIn(answers[28])); // 12 h 5 min
        Assert.Equal(HttpStatusCode.OK, (await (await portal.SignInAsync("hospital2@demo.local")).GetAsync("/Hospital")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_here_and_on_another_instance()
    {
        const string email = "doctor04@demo.local";
        var (client, cookie) = await SignInCopyingCookieAsync(email);
        var (_, stillSignedIn) = await SignInCopyingCookieAsync(email);
        await using var other = new SecondInstance(portal);
        Assert.Equal(HttpStatusCode.OK, (await Replay(portal, cookie).GetAsync("/Applicant")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Replay(other, stillSignedIn).GetAsync("/Applicant")).StatusCode); // the instances share cookies

        var signedOut = await client.SubmitAsync(await client.GetPageAsync("/Applicant"), "form[action*='Logout']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.True(GoesToSignIn(await Replay(portal, cookie).GetAsync("/Applicant")));
        Assert.True(GoesToSignIn(await Replay(other, cookie).GetAsync("/Applicant")));
        Assert.Equal(HttpStatusCode.OK, (await Replay(other, stillSignedIn).GetAsync("/Applicant")).StatusCode);
        Assert.Equal(1, (await SessionsOfAsync(email)).Count(s => s.EndedAt is null));
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_the_current_one()
    {
        const string email = "doctor05@demo.local";
        var current = await portal.SignInAsync(email);
        var other = await portal.SignInAsync(email);
        var page = await current.GetPageAsync("/Identity/Account/Manage/ChangePassword");

        var changed = await current.SubmitAsync(page, "#change-password-form", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = DemoData.Password,
            ["Input.NewPassword"] = "Harbour lanterns at evening",
            ["Input.ConfirmPassword"] = "Harbour lanterns at evening",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var sessions = await SessionsOfAsync(email);
        Assert.Equal(2, sessions.Count); // the refreshed cookie kept its session
        Assert.Single(sessions, s => s.EndedAt is null);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/Applicant")).StatusCode);
        Assert.True(GoesToSignIn(await other.GetAsync("/Applicant")));
        Assert.Single(await SessionsOfAsync(email), s => s.EndedAt is null);
    }

    [Fact]
    public async Task An_administrators_lock_ends_the_users_sessions_at_once()
    {
        const string email = "doctor06@demo.local";
        var doctor = await portal.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Applicant")).StatusCode);
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{(await SessionsOfAsync(email))[0].UserId}");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "#lock-form", new Dictionary<string, string>())).StatusCode);

        Assert.All(await SessionsOfAsync(email), s => Assert.NotNull(s.EndedAt)); // ended by the save, before any request
        Assert.True(GoesToSignIn(await doctor.GetAsync("/Applicant")));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).StatusCode);
    }

    [Fact]
    public async Task The_account_lists_its_open_sessions_and_signs_out_the_others_keeping_this_one()
    {
        const string email = "doctor09@demo.local";
        var other = await portal.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/Applicant")).StatusCode);
        var current = await portal.SignInAsync(email);
        var page = await current.GetPageAsync("/Identity/Account/Manage/Sessions");
        Assert.Equal(2, page.Document.QuerySelectorAll("#sessions tbody tr").Length);
        Assert.Contains("This browser", page.Document.QuerySelector("#sessions tbody tr")!.TextContent);

        var done = await current.SubmitAsync(page, "#sign-out-others-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True(GoesToSignIn(await other.GetAsync("/Applicant")));
        var after = await current.GetPageAsync("/Identity/Account/Manage/Sessions");
        Assert.Contains("You are signed out everywhere else.", after.Document.Text());
        Assert.Single(after.Document.QuerySelectorAll("#sessions tbody tr"));
        Assert.Single(await SessionsOfAsync(email), s => s.EndedAt is null);
        await using var db = portal.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AccountSessions.OthersSignedOut && e.ActorId == db.Users.Single(u => u.Email == email).Id));
    }

    [Fact]
    public async Task A_run_of_requests_reads_the_session_once_and_writes_last_seen_at_most_once_a_minute()
    {
        const string email = "doctor07@demo.local";
        var doctor = await portal.SignInAsync(email);
        var signedInAt = portal.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Privacy")).StatusCode); // the notice's institutions, read once for everyone
        var checks = new List<int>();
        var lastSeen = new List<TimeSpan>();
        foreach (var seconds in new[] { 0, 10, 10, 50, 1 })
        {
            portal.Time.Advance(TimeSpan.FromSeconds(seconds));
            portal.Sql.Reset();
            Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/Privacy")).StatusCode);
            Assert.Equal(0, portal.Sql.Count); // the page's own statements: the session check is counted apart
            checks.Add(portal.Sql.SessionChecks);
            lastSeen.Add((await SessionsOfAsync(email)).Single().LastSeenAt - signedInAt);
        }

        Assert.Equal(0, checks[0]); // kept in memory since the sign-in
        Assert.Equal([0, 0, 0, 70, 70], lastSeen.Select(t => t.TotalSeconds));
        // A read at most (every 5 s of real time), plus the one write of "last seen" once a minute had passed.
        Assert.All(checks.Select((n, i) => n - (i == 3 ? 1 : 0)), n => Assert.InRange(n, 0, 1));
    }

    [Fact]
    public async Task The_purge_deletes_sessions_ended_more_than_the_retention_ago_and_can_run_twice()
    {
        await portal.SignInAsync("doctor08@demo.local");
        var userId = (await SessionsOfAsync("doctor08@demo.local")).Single().UserId;
        var now = portal.Time.GetUtcNow();
        await using (var db = portal.NewDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Sessions" ("Id", "UserId", "StartedAt", "LastSeenAt", "EndedAt") VALUES
                ({Guid.NewGuid()}, {userId}, {now.AddDays(-32)}, {now.AddDays(-31)}, {now.AddDays(-31)}),
                ({Guid.NewGuid()}, {userId}, {now.AddDays(-32)}, {now.AddDays(-31)}, {null}),
                ({Guid.NewGuid()}, {userId}, {now.AddDays(-30)}, {now.AddDays(-29)}, {now.AddDays(-29)})
                """);
        }

        var purged = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            purged.Add(await scope.ServiceProvider.GetRequiredService<UserSessions>().PurgeAsync(TimeSpan.FromDays(30)));
        }

        Assert.Equal([2, 0], purged);
        var left = await SessionsOfAsync("doctor08@demo.local");
        Assert.Equal(2, left.Count);
        Assert.Single(left, s => s.EndedAt is null);
    }

    private static bool GoesToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Identity/Account/Login?ReturnUrl=");

    private async Task<List<UserSession>> SessionsOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Sessions.Where(s => s.UserId == userId).OrderBy(s => s.StartedAt).ToListAsync();
    }

    private async Task<(HttpClient Client, string Cookie)> SignInCopyingCookieAsync(string email)
    {
        var client = portal.CreateClientWithoutRedirects();
        var response = await client.SignInAsync(email, DemoData.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }

    /// <summary>A client of its own that sends exactly the copied cookie, as a thief would.</summary>
    private static HttpClient Replay(PortalFactory instance, string cookie)
    {
        var client = instance.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A second instance of the portal on the same database and clock (keys in the database, so it reads the same cookies).</summary>
    private sealed class SecondInstance(FakeClockPortalFactory first) : PortalFactory(first.ConnectionString)
    {
        protected override bool MigrateAndSeed => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(first.Time));
        }
    }
}
