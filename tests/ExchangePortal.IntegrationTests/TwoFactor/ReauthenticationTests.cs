using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.TwoFactor;

/// <summary>A sign-in counts for a few minutes; after that, account and user changes ask for the password again.</summary>
[Collection(PostgresCollection.Name)]
public class ReauthenticationTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    private static readonly string[] AccountPages =
        ["/Identity/Account/Manage/Email", "/Identity/Account/Manage/ChangePassword", TwoFactorSteps.Enrolment];

    [Fact]
    public async Task Changing_email_password_or_two_factor_asks_for_the_password_again_after_the_window()
    {
        var client = await portal.SignInAsync("doctor2@demo.local");
        foreach (var page in AccountPages)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);

        portal.Time.Advance(TimeSpan.FromMinutes(6));

        foreach (var page in AccountPages)
            Assert.Equal($"{TwoFactorSteps.Reauthentication}?returnUrl={Uri.EscapeDataString(page)}", (await client.GetAsync(page)).Headers.Location!.OriginalString);
        Assert.StartsWith(TwoFactorSteps.Reauthentication, (await client.PostHandlerAsync(TwoFactorSteps.Overview, "RecoveryCodes")).Headers.Location!.OriginalString);
        var reauth = await client.GetPageAsync($"{TwoFactorSteps.Reauthentication}?returnUrl=%2FIdentity%2FAccount%2FManage%2FEmail");
        Assert.Null(reauth.Document.QuerySelector("#Input_Code"));
        var wrong = await client.SubmitAsync(reauth, "#reauthenticate-form", new Dictionary<string, string> { ["Input.Password"] = "not-the-password-at-all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var right = await client.SubmitAsync(reauth, "#reauthenticate-form", new Dictionary<string, string> { ["Input.Password"] = DemoData.Password });
        Assert.Equal("/Identity/Account/Manage/Email", right.Headers.Location!.OriginalString);
        foreach (var page in AccountPages)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);

        portal.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.StartsWith(TwoFactorSteps.Reauthentication, (await client.GetAsync(AccountPages[0])).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_foreign_return_address_is_not_followed()
    {
        var client = await portal.SignInAsync("doctor04@demo.local");
        var reauth = await client.GetPageAsync($"{TwoFactorSteps.Reauthentication}?returnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await client.SubmitAsync(reauth, "#reauthenticate-form", new Dictionary<string, string> { ["Input.Password"] = DemoData.Password });

        Assert.Equal("/Identity/Account/Manage", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_administrator_changes_roles_or_locks_only_after_a_recent_sign_in()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var id = await db.Users.Where(u => u.Email == "doctor06@demo.local").Select(u => u.Id).SingleAsync();
        var path = $"/Admin/Users/Edit/{id}";
        portal.Time.Advance(TimeSpan.FromMinutes(6));
        var edit = await admin.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, edit.Response.StatusCode);

        var roles = await admin.SubmitAsync(edit, "#roles-form", new Dictionary<string, string>());
        var locked = await admin.SubmitAsync(edit, "#lock-form", new Dictionary<string, string>());

        var asked = $"{TwoFactorSteps.Reauthentication}?returnUrl={Uri.EscapeDataString(path)}";
        Assert.Equal(asked, roles.Headers.Location!.OriginalString);
        Assert.Equal(asked, locked.Headers.Location!.OriginalString);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.RecordId == id && (e.Action == "user.roles.changed" || e.Action == "user.locked")));
        var reauth = await admin.GetPageAsync(asked);
        Assert.Equal(path, (await admin.SubmitAsync(reauth, "#reauthenticate-form", new Dictionary<string, string> { ["Input.Password"] = DemoData.Password })).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(await admin.GetPageAsync(path), "#lock-form", new Dictionary<string, string>())).StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.RecordId == id && e.Action == "user.locked"));
    }
}
