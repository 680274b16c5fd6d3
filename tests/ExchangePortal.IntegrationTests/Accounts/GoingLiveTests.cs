using System.Globalization;
using System.Net;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Accounts;

/// <summary>
/// Going live in Production on an empty database, every step through the portal's own forms and the emails a real SMTP
/// server receives: create-admin → the administrator chooses a password → a hospital → its coordinator is invited and lands
/// on /Hospital → the coordinator invites a doctor, who lands on /Applicant → the administrator adds a university, an
/// active agreement with the hospital and an invited university coordinator → the coordinator adds a host lab and opens a
/// cohort → the doctor applies from the home page and submits → the hospital coordinator endorses from the emailed link.
/// </summary>
[Collection(PostgresCollection.Name)]
public class GoingLiveTests
{
    [Fact]
    public async Task From_an_empty_database_to_an_endorsed_application_through_the_portals_own_pages_and_emailed_links()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new CreateAdminTests.ProductionEmailPortal(smtp.Port);
        Assert.Equal(0, (await CreateAdminTests.RunAsync(portal, "create-admin", "--email", "it.office@university.test", "--name", "IT Office")).Code);
        var (admin, adminHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "it.office@university.test"),
            "the first administrator's passphrase");
        Assert.Equal("/Admin", adminHome.Headers.Location!.OriginalString);

        var hospital = await CreateInstitutionAsync(portal, admin, InstitutionKind.Hospital, "Riverside General Hospital", "RGH");
        var invited = await Inviting.InviteAsync(admin, "coordinator@rgh.test", "Zhou Min", Roles.HospitalCoordinator, hospital);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var (coordinator, coordinatorHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "coordinator@rgh.test"),
            "Zhou Min's own long passphrase");
        Assert.Equal("/Hospital", coordinatorHome.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/Hospital")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Inviting.InviteColleagueAsync(coordinator, "doctor@rgh.test", "Dr. Qian Hui")).StatusCode);
        var (doctor, doctorHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "doctor@rgh.test"),
            "Qian Hui's own long passphrase");

        Assert.Equal("/Applicant", doctorHome.Headers.Location!.OriginalString);
        Assert.Contains("Riverside General Hospital", (await doctor.GetPageAsync("/Applicant")).Document.Text());
        Assert.Equal(3, smtp.Messages.Count);
        await using (var db = portal.NewDbContext())
        {
            Assert.Equal(3, await db.Users.CountAsync(u => u.EmailConfirmed && u.PasswordHash != null));
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "user.invited" && e.ActorId != null));
        }

        // The university's side: nothing to apply to exists yet on an empty database.
        var today = portal.Services.GetRequiredService<ProgrammeClock>().Today;
        var university = await CreateInstitutionAsync(portal, admin, InstitutionKind.University, "Pearl River Medical University", "PRMU");
        await CreateActiveAgreementAsync(admin, university, hospital, today);
        Assert.Equal(HttpStatusCode.Redirect,
            (await Inviting.InviteAsync(admin, "exchange@prmu.test", "Lin Yu", Roles.UniversityCoordinator, null)).StatusCode);
        var (universityCoordinator, universityHome) = await Inviting.AcceptAsync(portal,
            await Inviting.LinkSentToAsync(portal, smtp, "exchange@prmu.test"), "the university coordinator's passphrase");
        Assert.Equal("/Coordinator", universityHome.Headers.Location!.OriginalString);
        await CreateLabAsync(universityCoordinator, university, "Cardiac Imaging Lab");
        await OpenCohortAsync(universityCoordinator, "Riverside exchange, first cohort", today);

        // The doctor finds the cohort on the home page, applies, uploads the documents and submits.
        var home = await doctor.GetPageAsync("/");
        var applyPath = home.Document.QuerySelectorAll("a[href^='/Applicant/Apply/']").Single().GetAttribute("href")!;
        var draft = await Inviting.CompleteDraftAsync(doctor, applyPath);
        var submitted = await doctor.SubmitAsync(await doctor.GetPageAsync(draft), "#submit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, await Inviting.StatusOfAsync(portal, draft));

        // The hospital coordinator endorses it from the link in the email the submission sent.
        var endorseLink = await Inviting.LinkSentToAsync(portal, smtp, "coordinator@rgh.test");
        var endorsePage = await coordinator.GetPageAsync(new Uri(endorseLink).PathAndQuery);
        var endorsed = await coordinator.SubmitAsync(endorsePage, "#endorse-form",
            new Dictionary<string, string> { ["Endorsement.Comment"] = "Recommended by the department." });
        Assert.Equal(HttpStatusCode.Redirect, endorsed.StatusCode);
        Assert.Equal(ApplicationStatus.Endorsed, await Inviting.StatusOfAsync(portal, draft));
        var told = await Inviting.LinkSentToAsync(portal, smtp, "doctor@rgh.test");
        Assert.Equal(draft, new Uri(told).AbsolutePath);
        var subjects = smtp.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == "doctor@rgh.test")).Select(m => m.Subject ?? "").ToList();
        Assert.Equal("Your application to Riverside exchange, first cohort was endorsed by your hospital", subjects[^1]);
    }

    /// <summary>The administrator creates the institution through the /Admin/Institutions form.</summary>
    private static async Task<int> CreateInstitutionAsync(PortalFactory portal, HttpClient admin, InstitutionKind kind, string name, string shortName)
    {
        var page = await admin.GetPageAsync("/Admin/Institutions");
        var created = await admin.SubmitAsync(page, "#institution-new-form", new Dictionary<string, string>
        {
            ["Input.Kind"] = kind.ToString(),
            ["Input.Name"] = name,
            ["Input.ShortName"] = shortName,
            ["Input.City"] = "Guangzhou",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = portal.NewDbContext();
        return await db.Institutions.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    /// <summary>A draft agreement from /Admin/Agreements, then signed by both parties and made active on its Edit page.</summary>
    private static async Task CreateActiveAgreementAsync(HttpClient admin, int university, int hospital, DateOnly today)
    {
        var list = await admin.GetPageAsync("/Admin/Agreements");
        var created = await admin.SubmitAsync(list, "#agreement-new-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Clinical exchange agreement PRMU–RGH",
            ["Input.UniversityId"] = Id(university),
            ["Input.HospitalId"] = Id(hospital),
            ["Input.EffectiveFrom"] = Day(today.AddDays(-7)),
            ["Input.EffectiveTo"] = Day(today.AddYears(3)),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await admin.GetPageAsync(created.Headers.Location!.OriginalString + "/Edit");
        var activated = await admin.SubmitAsync(edit, "#agreement-form", new Dictionary<string, string>
        {
            ["Agreement.Status"] = "Active",
            ["Agreement.SignedOn"] = Day(today.AddDays(-7)),
            ["Agreement.Signatories[0].Name"] = "Prof. Huang Wei",
            ["Agreement.Signatories[0].Title"] = "President",
            ["Agreement.Signatories[0].InstitutionId"] = Id(university),
            ["Agreement.Signatories[1].Name"] = "Dr. Chen Jing",
            ["Agreement.Signatories[1].Title"] = "Director",
            ["Agreement.Signatories[1].InstitutionId"] = Id(hospital),
        });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        var details = await admin.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("Status: Draft → Active", details.Document.QuerySelector("#history")!.TextContent);
    }

    /// <summary>The university coordinator adds a host lab at /Coordinator/Labs/Create.</summary>
    private static async Task CreateLabAsync(HttpClient coordinator, int university, string name)
    {
        var form = await coordinator.GetPageAsync("/Coordinator/Labs/Create");
        var values = HostLabAdministrationTests.LabValues(name, 2);
        values["Input.UniversityId"] = Id(university);
        var created = await coordinator.SubmitAsync(form, "#lab-form", values);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    /// <summary>A cohort under the only active agreement, with the only lab, its window open from today; then opened on its page.</summary>
    private static async Task OpenCohortAsync(HttpClient coordinator, string name, DateOnly today)
    {
        var form = await coordinator.GetPageAsync("/Coordinator/Cohorts/Create");
        var created = await coordinator.SubmitAsync(form, "#cohort-form", new Dictionary<string, string>
        {
            ["Input.AgreementId"] = form.Document.QuerySelectorAll("#Input_AgreementId option").Select(o => o.GetAttribute("value")).Single(v => v != "")!,
            ["Input.Name"] = name,
            ["Input.ApplicationOpensOn"] = Day(today),
            ["Input.ApplicationClosesOn"] = Day(today.AddDays(30)),
            ["Input.StartsOn"] = Day(today.AddDays(60)),
            ["Input.EndsOn"] = Day(today.AddDays(150)),
            ["Input.Capacity"] = "2",
            ["Input.RequiresEndorsement"] = "true",
            ["Input.Labs[0].TakesPart"] = "true",
            ["Input.Labs[0].Seats"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var opened = await coordinator.SubmitAsync(await coordinator.GetPageAsync(path), "#status-Open", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("Open", (await coordinator.GetPageAsync(path)).Document.QuerySelector("#cohort-status")!.TextContent.Trim());
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
