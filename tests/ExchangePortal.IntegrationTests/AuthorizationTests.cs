using Microsoft.EntityFrameworkCore;
using System.Net;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class AuthorizationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string?, string, int> Matrix()
    {
        var homes = new[] { "/Applicant", "/Hospital", "/Coordinator", "/Admin" };
        var owners = new Dictionary<string, string>
        {
            ["doctor@demo.local"] = "/Applicant",
            ["hospital@demo.local"] = "/Hospital",
            ["coordinator@demo.local"] = "/Coordinator",
            ["admin@demo.local"] = "/Admin",
        };
        var data = new TheoryData<string?, string, int>();
        foreach (var home in homes)
        {
            data.Add(null, home, 302);
            foreach (var (user, own) in owners)
                data.Add(user, home, own == home ? 200 : 403);
        }
        // Two-factor sign-in and re-authentication: every signed-in person's own account.
        foreach (var account in new[] { "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Reauthenticate" })
        {
            data.Add(null, account, 302);
            foreach (var user in owners.Keys)
                data.Add(user, account, 200);
        }
        // Every signed-in person may ask for the erasure of their own data.
        data.Add(null, "/Account/Erasure", 302);
        foreach (var user in owners.Keys)
            data.Add(user, "/Account/Erasure", 200);
        // Every signed-in person's own account pages (their sessions).
        data.Add(null, "/Identity/Account/Manage/Sessions", 302);
        foreach (var user in owners.Keys)
            data.Add(user, "/Identity/Account/Manage/Sessions", 200);
        foreach (var open in new[] { "/", "/Labs", "/Verify", "/Privacy", "/Privacy/Versions/2026-11", "/Privacy/Versions/2026-12", "/health/live", "/health/ready" })
        {
            data.Add(null, open, 200);
            data.Add("doctor@demo.local", open, 200);
        }
        // Every signed-in person's own privacy pages (the data download included); an unknown notice version is not found.
        foreach (var own in new[] { "/Account/Privacy", "/Account/Privacy?handler=Download", "/Account/Notice" })
        {
            data.Add(null, own, 302);
            foreach (var user in owners.Keys)
                data.Add(user, own, 200);
        }
        data.Add(null, "/Privacy/Versions/1900-01", 404);
        // Anonymous pages behind a token or a code: unknown ones are a 404 for anyone; the thanks page is open.
        foreach (var unknown in new[] { "/Evaluation/no-such-token", "/Verify/0000-0000-0000-0000", "/Verify/not-a-code" })
        {
            data.Add(null, unknown, 404);
            data.Add("doctor@demo.local", unknown, 404);
        }
        data.Add(null, "/Evaluation/Thanks", 200);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_audience_reaches_only_its_own_pages(string? user, string path, int expected)
    {
        var client = user is null ? portal.CreateClientWithoutRedirects() : await portal.SignInAsync(user);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 302)
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    public static TheoryData<string?, string, int> StaffPages()
    {
        string[] users = ["doctor@demo.local", "hospital@demo.local", "coordinator@demo.local", "admin@demo.local"];
        // page → the one demo user of its audience, and what that user gets (404: doctor2's application is not theirs).
        var audiences = new Dictionary<string, (string User, int Code)>
        {
            ["/Coordinator/Applications/{application}"] = ("coordinator@demo.local", 200),
            // doctor2's application has no placement yet: no supervisor to name.
            ["/Coordinator/Applications/{application}/Supervisor"] = ("coordinator@demo.local", 404),
            ["/Coordinator/Applications/{application}/Messages"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Applications/Message?ids={application}"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Cohorts"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Cohorts/{cohort}"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Labs"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Roster/{cohort}"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Cohorts/{cohort}/Cancel"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Applications/Bulk"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Views"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Views?handler=Apply&id=999999"] = ("coordinator@demo.local", 404),
            ["/Coordinator/Cohorts/{cohort}/Clearance"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Cohorts/{cohort}/Clearance?handler=Csv"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Cohorts/999999/Clearance"] = ("coordinator@demo.local", 404),
            ["/Coordinator/Applications/{application}/Documents"] = ("coordinator@demo.local", 200),
            ["/Coordinator/Applications/999999/Documents"] = ("coordinator@demo.local", 404),
            ["/Admin/Stays"] = ("admin@demo.local", 200),
            ["/Admin/Users"] = ("admin@demo.local", 200),
            ["/Admin/Audit"] = ("admin@demo.local", 200),
            ["/Admin/Agreements"] = ("admin@demo.local", 200),
            ["/Admin/Agreements/{agreement}"] = ("admin@demo.local", 200),
            ["/Admin/Agreements/{agreement}/Timeline"] = ("admin@demo.local", 200),
            ["/Admin/Agreements/{agreement}/Documents"] = ("admin@demo.local", 200),
            ["/Admin/Agreements/{agreement}/Edit"] = ("admin@demo.local", 200),
            ["/Admin/Exports"] = ("admin@demo.local", 200),
            ["/Admin/Privacy"] = ("admin@demo.local", 200),
            ["/Admin/Privacy/Request/999999"] = ("admin@demo.local", 404),
            ["/Admin/Reports"] = ("admin@demo.local", 200),
            ["/Admin/Reports?Years.From=2020&Years.To=2030"] = ("admin@demo.local", 200),
            ["/Admin/Reports?handler=Csv&breakdown=Hospital"] = ("admin@demo.local", 200),
            ["/Admin/Reports?handler=Excel&breakdown=Lab"] = ("admin@demo.local", 200),
            ["/Hospital/Applications/{application}"] = ("hospital@demo.local", 200),
            ["/Hospital/Applications/{application}/Certificate"] = ("hospital@demo.local", 404),
            ["/Hospital/Applications/{application}/Messages"] = ("hospital@demo.local", 200),
            ["/Hospital/Staff"] = ("hospital@demo.local", 200),
            ["/Applicant/Profile"] = ("doctor@demo.local", 200),
            ["/Applicant/Apply/{cohort}"] = ("doctor@demo.local", 200),
            ["/Applicant/Applications/{application}"] = ("doctor@demo.local", 404),
            ["/Applicant/Applications/{application}/Documents"] = ("doctor@demo.local", 404),
            ["/Applicant/Applications/{application}/Report"] = ("doctor@demo.local", 404),
            ["/Applicant/Applications/{application}/Certificate"] = ("doctor@demo.local", 404),
            ["/Applicant/Applications/{application}/Messages"] = ("doctor@demo.local", 404),
        };
        var data = new TheoryData<string?, string, int>();
        foreach (var (page, audience) in audiences)
        {
            data.Add(null, page, 302);
            foreach (var user in users)
                data.Add(user, page, user == audience.User ? audience.Code : 403);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Staff_pages_and_other_peoples_applications_are_guarded(string? user, string path, int expected)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).FirstAsync();
        var application = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).FirstAsync();
        var client = user is null ? portal.CreateClientWithoutRedirects() : await portal.SignInAsync(user);

        var agreement = await db.Agreements.Select(a => a.Id).FirstAsync();
        var response = await client.GetAsync(path.Replace("{cohort}", cohort.ToString()).Replace("{application}", application.ToString())
            .Replace("{agreement}", agreement.ToString()));

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_role_gets_a_friendly_access_denied_page()
    {
        var client = await portal.SignInAsync("doctor@demo.local");

        var page = await client.GetPageAsync("/Coordinator");

        Assert.Equal(HttpStatusCode.Forbidden, page.Response.StatusCode);
        Assert.Contains("Access denied", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_address_is_a_friendly_404_for_anyone()
    {
        var page = await portal.CreateClient().GetPageAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Contains("Page not found", page.Document.Text());
    }

    [Fact]
    public async Task Pages_of_a_signed_in_user_are_never_cached_and_carry_security_headers()
    {
        var client = await portal.SignInAsync("doctor@demo.local");

        var response = await client.GetAsync("/Applicant");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
