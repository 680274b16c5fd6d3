using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Privacy;

/// <summary>The portal with the first notice (2026-11) in force, as it was before the notice changed.</summary>
public sealed class FirstNoticePortalFactory : PortalFactory
{
    public const string Version = "2026-11";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Privacy:NoticeVersion", Version);
    }
}

/// <summary>The same database after the notice changed to the latest version.</summary>
public sealed class LatestNoticePortalFactory(string connectionString) : PortalFactory(connectionString);

[Collection(PostgresCollection.Name)]
public class ConsentTests(FirstNoticePortalFactory first) : IClassFixture<FirstNoticePortalFactory>
{
    private static readonly string[] Everyone = ["admin@demo.local", "coordinator@demo.local", "hospital@demo.local", "doctor@demo.local"];

    [Fact]
    public async Task A_new_notice_version_is_shown_to_every_signed_in_user_first_and_the_earlier_consent_stays_in_the_history()
    {
        // Sessions opened while 2026-11 was in force, each past the gate.
        var cookies = new Dictionary<string, string>();
        foreach (var email in Everyone)
        {
            var client = first.CreateClientWithoutRedirects();
            var login = await client.SignInAsync(email, Core.Demo.DemoData.Password);
            cookies[email] = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Home(email))).StatusCode);
        }

        // The version changes (configuration): the same sessions now meet the new notice before anything else.
        await using var latest = new LatestNoticePortalFactory(first.ConnectionString);
        foreach (var email in Everyone)
        {
            var client = latest.CreateClientWithoutRedirects();
            client.DefaultRequestHeaders.Add("Cookie", cookies[email]);
            var home = await client.GetAsync(Home(email));
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.StartsWith("/Account/Notice", home.Headers.Location!.OriginalString);
            var notice = await client.GetPageAsync("/Account/Notice");
            Assert.Contains($"Version {PrivacyNotice.Latest}", notice.Document.QuerySelector("#notice-version")!.TextContent);
            Assert.NotNull(notice.Document.QuerySelector("#notice-gate"));

            var accepted = await client.SubmitAsync(notice, "#accept-form", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.Equal(Home(email), accepted.Headers.Location!.OriginalString);
            // The refreshed sign-in cookie (now carrying the decided version) is in the client's cookie jar.
            client.DefaultRequestHeaders.Remove("Cookie");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Home(email))).StatusCode);
        }

        await using var db = latest.NewDbContext();
        var doctor = await db.Users.SingleAsync(u => u.Email == "doctor@demo.local");
        var history = await db.ConsentRecords.Where(c => c.UserId == doctor.Id).OrderBy(c => c.At).Select(c => c.NoticeVersion).ToListAsync();
        Assert.Equal([FirstNoticePortalFactory.Version, PrivacyNotice.Latest], history);

        // Both versions' texts stay readable, and the privacy page lists both decisions.
        var reader = await latest.SignInAsync("doctor@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/Privacy/Versions/{FirstNoticePortalFactory.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/Privacy/Versions/1999-01")).StatusCode);
        var privacy = await reader.GetPageAsync("/Account/Privacy");
        Assert.Equal(2, privacy.Document.QuerySelectorAll("#consent-history tbody tr").Length);
    }

    private static string Home(string email) => email switch
    {
        "admin@demo.local" => "/Admin",
        "coordinator@demo.local" => "/Coordinator",
        "hospital@demo.local" => "/Hospital",
        _ => "/Applicant",
    };
}

[Collection(PostgresCollection.Name)]
public class ConsentWithdrawalTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Withdrawing_consent_blocks_submit_and_upload_in_the_users_language_and_tells_the_programme_office()
    {
        var client = await portal.SignInAsync("doctor@demo.local");
        var (id, version) = await DraftOfAsync("doctor@demo.local");
        var privacy = await client.GetPageAsync("/Account/Privacy");
        Assert.Contains("An application you have already submitted is not withdrawn by this", privacy.Document.Text());

        var withdrawn = await client.SubmitAsync(privacy, "#withdraw-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        await using (var db = portal.NewDbContext())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "consent.withdrawn" && n.ToAddress == "admin@demo.local"));
            Assert.NotNull((await db.ConsentRecords.Where(c => c.User.Email == "doctor@demo.local").OrderByDescending(c => c.At).FirstAsync()).WithdrawnAt);
        }

        var upload = await ApplyTests.UploadAsync(client, id, DocumentKind.Insurance, "insurance.pdf", ApplyTests.Pdf, null);
        Assert.Contains(Consents.NotInForce, (await HtmlForms.ParseAsync(upload)).Text());

        await client.SubmitAsync(await client.GetPageAsync("/Applicant"), "#language-form", new Dictionary<string, string> { ["culture"] = "zh-Hans" });
        var submit = await client.SubmitAsync(await client.GetPageAsync($"/Applicant/Applications/{id}"), "#submit-form", new Dictionary<string, string>());
        Assert.Contains("您已撤回或拒绝对隐私声明的同意", (await HtmlForms.ParseAsync(submit)).Text());
        await using (var db = portal.NewDbContext())
        {
            Assert.Equal(ApplicationStatus.Draft, await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
            Assert.False(await db.Documents.AnyAsync(d => d.ApplicationId == id && d.Kind == DocumentKind.Insurance));
            Assert.Equal(version, await db.Applications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        }

        // Consent given again: uploads work again.
        var again = await client.SubmitAsync(await client.GetPageAsync("/Account/Privacy"), "#consent-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var uploaded = await ApplyTests.UploadAsync(client, id, DocumentKind.Insurance, "insurance.pdf", ApplyTests.Pdf, null);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
    }

    [Fact]
    public async Task A_person_who_never_consented_meets_the_notice_at_first_sign_in_and_declining_blocks_submitting()
    {
        await using (var db = portal.NewDbContext())
            await db.ConsentRecords.Where(c => c.User.Email == "doctor2@demo.local").ExecuteDeleteAsync();
        var client = await portal.SignInAsync("doctor2@demo.local");
        var home = await client.GetAsync("/Applicant");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Notice", home.Headers.Location!.OriginalString);
        // A post to any other page is turned back too, and changes nothing.
        var notice = await client.GetPageAsync("/Account/Notice");
        var elsewhere = await client.PostAsync("/Account/Privacy?handler=Consent", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = notice.Document.QuerySelector("#accept-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.StartsWith("/Account/Notice", elsewhere.Headers.Location!.OriginalString);
        await using (var db = portal.NewDbContext())
            Assert.False(await db.ConsentRecords.AnyAsync(c => c.User.Email == "doctor2@demo.local"));

        var declined = await client.SubmitAsync(await client.GetPageAsync("/Account/Notice"), "#decline-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal("/Account/Privacy", declined.Headers.Location!.OriginalString);
        client = await portal.SignInAsync("doctor2@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Applicant")).StatusCode);
        await using (var db = portal.NewDbContext())
        {
            var record = await db.ConsentRecords.SingleAsync(c => c.User.Email == "doctor2@demo.local");
            Assert.False(record.Accepted || record.Programme || record.SensitiveData || record.OutsideMainland);
            Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "consent.withdrawn" && n.Subject.Contains("declined")));
        }
        var id = await NewDraftOfAsync("doctor2@demo.local");
        var upload = await ApplyTests.UploadAsync(client, id, DocumentKind.Cv, "cv.pdf", ApplyTests.Pdf, null);
        Assert.Contains(Consents.NotInForce, (await HtmlForms.ParseAsync(upload)).Text());
        await using (var db = portal.NewDbContext())
            Assert.False(await db.Documents.AnyAsync(d => d.ApplicationId == id));
    }

    private async Task<(int Id, uint Version)> DraftOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        var draft = await db.Applications.Where(a => a.Doctor.Email == email && a.Status == ApplicationStatus.Draft)
            .Select(a => new { a.Id, a.Version }).FirstAsync();
        return (draft.Id, draft.Version);
    }

    private async Task<int> NewDraftOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        var doctor = await db.Doctors.SingleAsync(d => d.Email == email);
        var cohort = await db.Cohorts.FirstAsync(c => !db.Applications.Any(a => a.CohortId == c.Id && a.DoctorId == doctor.Id));
        var draft = new ExchangeApplication(cohort, doctor, doctor.UserId, DateTimeOffset.UtcNow);
        db.Applications.Add(draft);
        await db.SaveChangesAsync();
        return draft.Id;
    }
}
