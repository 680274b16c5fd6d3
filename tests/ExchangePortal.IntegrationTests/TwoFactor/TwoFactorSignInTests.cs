using System.Net;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Users;
using ExchangePortal.Web.Areas.Identity.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.TwoFactor;

/// <summary>Signing in with an authenticator code (once each), a recovery code (once each), and an administrator's reset.</summary>
[Collection(PostgresCollection.Name)]
public class TwoFactorSignInTests(TwoFactorPortalFactory portal) : IClassFixture<TwoFactorPortalFactory>
{
    [Fact]
    public async Task A_coordinator_signs_in_with_the_password_and_then_a_valid_code()
    {
        var client = await portal.SignInWithPasswordAsync("coordinator@demo.local");
        // The password alone opens nothing.
        Assert.StartsWith("/Identity/Account/Login", (await client.GetAsync("/Coordinator")).Headers.Location!.PathAndQuery);

        var wrong = await client.SubmitCodeAsync(TwoFactorSteps.CodeAt(DemoAuthenticators.Keys["coordinator@demo.local"], portal.Time.GetUtcNow().AddHours(-1)));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(AccountTwoFactor.WrongCode, (await HtmlForms.ParseAsync(wrong)).Text());

        var right = await client.SubmitCodeAsync(portal.NextCode(DemoAuthenticators.Keys["coordinator@demo.local"]));

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Coordinator", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Coordinator")).StatusCode);
        await using var db = portal.NewDbContext();
        var userId = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var entries = await db.AuditEntries.Where(e => e.RecordId == userId && e.Action.StartsWith("sign-in")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal("wrong authenticator code", entries[^2].Changes["Reason"].After);
        Assert.Equal(AuditTrail.SignInSucceeded, entries[^1].Action);
        Assert.Equal("authenticator code", entries[^1].Changes["Reason"].After);
        // With the client's address and user agent (TestServer has no address; LockoutTests checks a real one on Kestrel).
        Assert.Contains("Address", entries[^1].Changes.Keys);
        Assert.Contains("UserAgent", entries[^1].Changes.Keys);
    }

    [Fact]
    public async Task A_code_that_was_used_once_is_refused_with_the_same_message()
    {
        const string email = "hospital@demo.local";
        var code = portal.NextCode(DemoAuthenticators.Keys[email]);
        var first = await portal.SignInWithPasswordAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitCodeAsync(code)).StatusCode);

        var second = await portal.SignInWithPasswordAsync(email);
        var replayed = await second.SubmitCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains(AccountTwoFactor.WrongCode, (await HtmlForms.ParseAsync(replayed)).Text());
        // The app's next code works.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitCodeAsync(portal.NextCode(DemoAuthenticators.Keys[email]))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        const string email = "hospital@demo.local";
        var client = await portal.SignInWithCodeAsync(email);
        var made = await client.PostHandlerAsync(TwoFactorSteps.Overview, "RecoveryCodes");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var overview = await client.GetPageAsync(TwoFactorSteps.Overview);
        Assert.Equal("New recovery codes are made; the earlier ones no longer work.", overview.Document.QuerySelector("[role=status]")?.TextContent);
        var codes = overview.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(AccountTwoFactor.RecoveryCodeCount, codes.Count);
        // Shown once: the next view of the page no longer lists them.
        Assert.Null((await client.GetPageAsync(TwoFactorSteps.Overview)).Document.QuerySelector("#recovery-codes"));

        Assert.Equal("/Hospital", (await SignInWithRecoveryCodeAsync(email, codes[0])).Headers.Location!.OriginalString);
        var again = await SignInWithRecoveryCodeAsync(email, codes[0]);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(LoginWithRecoveryCodeModel.WrongRecoveryCode, (await HtmlForms.ParseAsync(again)).Text());
        await using var db = portal.NewDbContext();
        var signIns = await db.AuditEntries.Where(e => e.Action == AuditTrail.SignInSucceeded).ToListAsync();
        Assert.Single(signIns, e => e.Changes.TryGetValue("Reason", out var reason) && reason.After == "recovery code");
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditTrail.RecoveryCodesRegenerated));
    }

    [Fact]
    public async Task An_administrator_resets_two_factor_which_ends_the_session_forces_enrolment_and_is_audited()
    {
        const string email = "hospital2@demo.local";
        var user = await portal.SignInWithCodeAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Hospital")).StatusCode);
        var admin = await portal.SignInWithCodeAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var ids = await db.Users.Where(u => u.Email == email || u.Email == "admin@demo.local").ToDictionaryAsync(u => u.Email!, u => u.Id);
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{ids[email]}");

        var reset = await admin.SubmitAsync(edit, "#reset-two-factor-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", (await user.GetAsync("/Hospital")).Headers.Location!.PathAndQuery);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditTrail.TwoFactorReset && e.RecordId == ids[email]);
        Assert.Equal(ids["admin@demo.local"], entry.ActorId);
        Assert.True(entry.Changes.ContainsKey("Address"));
        // The password alone signs in now, and every staff page sends the user to enrol again.
        var again = portal.CreateClientWithoutRedirects();
        Assert.Equal("/Hospital", (await again.SignInAsync(email, DemoData.Password)).Headers.Location!.OriginalString);
        Assert.StartsWith(TwoFactorSteps.Enrolment, (await again.GetAsync("/Hospital")).Headers.Location!.OriginalString);
        var (key, codes) = await portal.EnrolAsync(again);
        Assert.NotEqual(DemoAuthenticators.Keys[email], key);
        Assert.Equal(AccountTwoFactor.RecoveryCodeCount, codes.Length);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Hospital")).StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditTrail.TwoFactorEnrolled && e.RecordId == ids[email]));
    }

    [Fact]
    public async Task Re_authentication_asks_for_a_code_when_the_account_has_two_factor()
    {
        const string email = "admin@demo.local";
        var client = await portal.SignInWithCodeAsync(email);
        portal.Time.Advance(TimeSpan.FromMinutes(6));
        var asked = await client.GetAsync("/Identity/Account/Manage/Email");
        Assert.StartsWith(TwoFactorSteps.Reauthentication, asked.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync(asked.Headers.Location.OriginalString);
        Assert.NotNull(page.Document.QuerySelector("#Input_Code"));

        var passwordOnly = await client.SubmitAsync(page, "#reauthenticate-form", new Dictionary<string, string> { ["Input.Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, passwordOnly.StatusCode);
        var withCode = await client.SubmitAsync(page, "#reauthenticate-form", new Dictionary<string, string>
        {
            ["Input.Password"] = DemoData.Password,
            ["Input.Code"] = portal.NextCode(DemoAuthenticators.Keys[email]),
        });

        Assert.Equal("/Identity/Account/Manage/Email", withCode.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Manage/Email")).StatusCode);
    }

    private async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync(string email, string code)
    {
        var client = await portal.SignInWithPasswordAsync(email);
        var page = await client.GetPageAsync("/Identity/Account/LoginWithRecoveryCode");
        return await client.SubmitAsync(page, "#recovery-code-form", new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
    }
}
