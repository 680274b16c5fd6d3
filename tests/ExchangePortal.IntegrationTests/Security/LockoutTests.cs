using System.Net;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Demo;
using ExchangePortal.Web.Areas.Identity.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Security;

/// <summary>Failed sign-ins lock new sign-ins for a while, never the holder's open session; every attempt is audited with its address.</summary>
[Collection(PostgresCollection.Name)]
public class LockoutTests
{
    private const string Coordinator = "coordinator@demo.local";
    private const string UserAgent = "LockoutTests/1.0";

    [Fact]
    public async Task Five_wrong_passwords_leave_the_open_session_working_refuse_sign_in_until_the_lock_ends_and_are_audited()
    {
        // Real Kestrel on loopback, so the client address is a real one (TestServer has none).
        await using var portal = new PortalFactory();
        portal.UseKestrel(0);
        portal.StartServer();
        using var holder = Browser(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.SignInAsync(Coordinator, DemoData.Password)).StatusCode);
        var made = await holder.SubmitAsync(await holder.GetPageAsync("/Calendar"), "#calendar-form", new Dictionary<string, string>());
        var feed = new Uri((await HtmlForms.ParseAsync(made)).QuerySelector("#feed-url")!.GetAttribute("value")!).AbsolutePath;
        using var stranger = Browser(portal);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
            answers.Add(await RefusalAsync(stranger, Coordinator, $"wrong password {i}"));
        answers.Add(await RefusalAsync(stranger, Coordinator, DemoData.Password));
        answers.Add(await RefusalAsync(stranger, "nobody-here@demo.local", DemoData.Password));

        Assert.All(answers, a => Assert.Equal(LoginModel.Refused, a));
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/Coordinator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/Coordinator/Cohorts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(feed)).StatusCode); // the calendar app goes on too

        await using var db = portal.NewDbContext();
        var userId = await db.Users.Where(u => u.Email == Coordinator).Select(u => u.Id).SingleAsync();
        var failed = await db.AuditEntries.Where(e => e.Action == AuditTrail.SignInFailed && e.RecordId == userId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(6, failed.Count);
        Assert.Equal(["wrong password", "wrong password", "wrong password", "wrong password", "locked out", "locked out"],
            failed.Select(e => e.Changes["Reason"].After));
        Assert.All(failed, e =>
        {
            Assert.Null(e.ActorId);
            Assert.Equal("127.0.0.1", e.Changes["Address"].After);
            Assert.Equal(UserAgent, e.Changes["UserAgent"].After);
        });
        var unknown = await db.AuditEntries.Where(e => e.Action == AuditTrail.SignInFailed && e.RecordId == "unknown account").ToListAsync();
        Assert.Single(unknown);
        Assert.DoesNotContain("nobody-here", string.Join(" ", unknown.SelectMany(e => e.Changes.Values).Select(c => c.After)));

        // The lock ends (as if 15 minutes had passed): the right password works again.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.SignInAsync(Coordinator, DemoData.Password)).StatusCode);
        var succeeded = await db.AuditEntries.Where(e => e.Action == AuditTrail.SignInSucceeded && e.RecordId == userId).ToListAsync();
        Assert.Equal(2, succeeded.Count);
        Assert.All(succeeded, e => Assert.Equal((userId, "127.0.0.1"), (e.ActorId, e.Changes["Address"].After)));
    }

    [Fact]
    public async Task An_administrators_lock_ends_the_open_session_and_sign_out_is_audited()
    {
        await using var portal = new PortalFactory();
        var holder = await portal.SignInAsync("hospital@demo.local");
        var admin = await portal.SignInAsync("admin@demo.local");
        string userId;
        await using (var db = portal.NewDbContext())
            userId = await db.Users.Where(u => u.Email == "hospital@demo.local").Select(u => u.Id).SingleAsync();

        var users = await admin.GetPageAsync($"/Admin/Users/Edit/{userId}");
        await admin.SubmitAsync(users, "#lock-form", new Dictionary<string, string>());
        var afterLock = await holder.GetAsync("/Hospital");
        var logout = await admin.GetPageAsync("/Admin");
        await admin.SubmitAsync(logout, "form[action^='/Identity/Account/Logout']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, afterLock.StatusCode);
        Assert.Contains("/Identity/Account/Login", afterLock.Headers.Location!.OriginalString);
        await using var check = portal.NewDbContext();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Action == AuditTrail.SignedOut));
    }

    private static HttpClient Browser(PortalFactory portal)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    private static async Task<string> RefusalAsync(HttpClient client, string email, string password)
    {
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors li")?.TextContent.Trim() ?? "";
    }
}
