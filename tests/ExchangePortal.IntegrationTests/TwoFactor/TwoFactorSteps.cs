using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.IntegrationTests.Cycle;
using OtpNet;

namespace ExchangePortal.IntegrationTests.TwoFactor;

/// <summary>The portal on a fake clock with two-factor sign-in required for staff, the demo staff enrolled with the README's keys.</summary>
public sealed class TwoFactorPortalFactory : FakeClockPortalFactory
{
    protected override bool RequireStaffTwoFactor => true;
}

/// <summary>What a person with an authenticator app does, on the fake clock: each code is of a fresh 30-second step.</summary>
public static class TwoFactorSteps
{
    public const string SignInWithCode = "/Identity/Account/LoginWith2fa";
    public const string Enrolment = "/Identity/Account/Manage/EnableAuthenticator";
    public const string Overview = "/Identity/Account/Manage/TwoFactorAuthentication";
    public const string Reauthentication = "/Identity/Account/Reauthenticate";

    public static string CodeAt(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>The app's code half a minute later, so that no code a test used before is of the same step.</summary>
    public static string NextCode(this FakeClockPortalFactory portal, string key)
    {
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        return CodeAt(key, portal.Time.GetUtcNow());
    }

    /// <summary>The password, then the sign-in page asks for the code.</summary>
    public static async Task<HttpClient> SignInWithPasswordAsync(this PortalFactory portal, string email)
    {
        var client = portal.CreateClientWithoutRedirects();
        var response = await client.SignInAsync(email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignInWithCode, response.Headers.Location!.OriginalString);
        return client;
    }

    public static async Task<HttpResponseMessage> SubmitCodeAsync(this HttpClient client, string code)
    {
        var page = await client.GetPageAsync(SignInWithCode);
        return await client.SubmitAsync(page, "#two-factor-form", new Dictionary<string, string> { ["Input.Code"] = code });
    }

    /// <summary>A client signed in with password and a fresh code of the account's key (a demo account's by default).</summary>
    public static async Task<HttpClient> SignInWithCodeAsync(this FakeClockPortalFactory portal, string email, string? key = null)
    {
        var client = await portal.SignInWithPasswordAsync(email);
        var response = await client.SubmitCodeAsync(portal.NextCode(key ?? DemoAuthenticators.Keys[email]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Enrols by reading the key from the page, as a person types it into an app; the key and the recovery codes shown once.</summary>
    public static async Task<(string Key, string[] RecoveryCodes)> EnrolAsync(this FakeClockPortalFactory portal, HttpClient client, string path = Enrolment)
    {
        var page = await client.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.StartsWith("data:image/png;base64,", page.Document.QuerySelector("img[alt]")!.GetAttribute("src"));
        var key = page.Document.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var response = await client.SubmitAsync(page, "#enable-authenticator-form", new Dictionary<string, string> { ["Input.Code"] = portal.NextCode(key) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Overview, response.Headers.Location!.OriginalString);
        var shown = await client.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Equal("Two-factor sign-in is on.", shown.Document.QuerySelector("[role=status]")?.TextContent);
        return (key, shown.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToArray());
    }

    /// <summary>Posts a handler of a page with the page's antiforgery token, as a hand-made form would.</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(this HttpClient client, string path, string handler)
    {
        var page = await client.GetPageAsync(path);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}
