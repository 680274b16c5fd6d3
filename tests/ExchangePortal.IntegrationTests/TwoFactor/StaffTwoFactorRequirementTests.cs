using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.TwoFactor;

/// <summary>Staff enrol an authenticator before any staff page opens; applicants may enrol and switch it off, staff may not.</summary>
[Collection(PostgresCollection.Name)]
public class StaffTwoFactorRequirementTests(TwoFactorPortalFactory portal) : IClassFixture<TwoFactorPortalFactory>
{
    /// <summary>Every staff page of the authorization matrix with its audience's user, the homes and the calendar page.</summary>
    public static IEnumerable<(string User, string Page)> StaffPages() =>
        AuthorizationTests.StaffPages().Select(row => ((string?)row[0], (string)row[1], (int)row[2]))
            .Where(row => row.Item1 is { } user && user != "doctor@demo.local" && row.Item3 == 200)
            .Select(row => (row.Item1!, row.Item2))
            .Concat([("hospital@demo.local", "/Hospital"), ("coordinator@demo.local", "/Coordinator"), ("admin@demo.local", "/Admin"),
                ("coordinator@demo.local", "/Calendar"), ("admin@demo.local", "/Calendar")]);

    [Fact]
    public async Task Staff_without_two_factor_are_sent_to_enrolment_from_every_staff_page()
    {
        await using var db = portal.NewDbContext();
        string[] staff = ["hospital@demo.local", "coordinator@demo.local", "admin@demo.local"];
        await db.Users.Where(u => staff.Contains(u.Email)).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, false));
        var cohort = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).FirstAsync();
        var application = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).FirstAsync();
        var agreement = await db.Agreements.Select(a => a.Id).FirstAsync();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var email in staff)
            clients[email] = await portal.SignInAsync(email);
        var pages = StaffPages().ToList();
        Assert.True(pages.Count > 15);

        foreach (var (user, page) in pages)
        {
            var path = page.Replace("{cohort}", cohort.ToString()).Replace("{application}", application.ToString()).Replace("{agreement}", agreement.ToString());
            var response = await clients[user].GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user} {path}: {(int)response.StatusCode}");
            Assert.Equal($"{TwoFactorSteps.Enrolment}?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
        }
        // Applicants are not asked.
        Assert.Equal(HttpStatusCode.OK, (await (await portal.SignInAsync("doctor@demo.local")).GetAsync("/Applicant")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_enrols_by_reading_the_key_from_the_page_then_signs_in_with_a_code()
    {
        const string email = "coordinator@demo.local";
        await using (var db = portal.NewDbContext())
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, false));
        var client = await portal.SignInAsync(email);
        var sent = await client.GetAsync("/Coordinator/Labs");

        var (key, codes) = await portal.EnrolAsync(client, sent.Headers.Location!.OriginalString);

        Assert.Equal(AccountTwoFactor.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Coordinator/Labs")).StatusCode);
        var overview = await client.GetPageAsync(TwoFactorSteps.Overview);
        Assert.Null(overview.Document.QuerySelector("#disable-two-factor-form"));
        var next = await portal.SignInWithCodeAsync(email, key);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Coordinator")).StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_switch_two_factor_off()
    {
        var client = await portal.SignInWithCodeAsync("hospital2@demo.local");

        var response = await client.PostHandlerAsync(TwoFactorSteps.Overview, "Disable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Staff accounts keep two-factor sign-in", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.True(await db.Users.Where(u => u.Email == "hospital2@demo.local").Select(u => u.TwoFactorEnabled).SingleAsync());
    }

    [Fact]
    public async Task An_applicant_may_turn_two_factor_on_and_off()
    {
        const string email = "doctor03@demo.local";
        var client = await portal.SignInAsync(email);
        var (key, _) = await portal.EnrolAsync(client);
        var next = await portal.SignInWithCodeAsync(email, key);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Applicant")).StatusCode);

        var off = await next.SubmitAsync(await next.GetPageAsync(TwoFactorSteps.Overview), "#disable-two-factor-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Applicant")).StatusCode);
        Assert.Equal("/Applicant", (await portal.CreateClientWithoutRedirects().SignInAsync(email, DemoData.Password)).Headers.Location!.OriginalString);
    }
}
