using System.Net;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Accounts;

/// <summary>
/// Going live in Production on an empty database, every step through the emails a real SMTP server receives:
/// create-admin → the administrator chooses a password → a hospital → its coordinator is invited and lands on /Hospital →
/// the coordinator invites a doctor, who lands on /Applicant with a confirmed address and a profile at that hospital.
/// </summary>
[Collection(PostgresCollection.Name)]
public class GoingLiveTests
{
    [Fact]
    public async Task From_an_empty_database_to_an_invited_doctor_through_emailed_links()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new CreateAdminTests.ProductionEmailPortal(smtp.Port);
        Assert.Equal(0, (await CreateAdminTests.RunAsync(portal, "create-admin", "--email", "it.office@university.test", "--name", "IT Office")).Code);
        var (admin, adminHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "it.office@university.test"),
            "the first administrator's passphrase");
        Assert.Equal("/Admin", adminHome.Headers.Location!.OriginalString);

        var hospital = await CreateHospitalAsync(portal, admin, "Riverside General Hospital", "RGH");
        var invited = await Inviting.InviteAsync(admin, "coordinator@rgh.test", "Zhou Min", Roles.HospitalCoordinator, hospital);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var (coordinator, coordinatorHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "coordinator@rgh.test"),
            "the coordinator's own passphrase");
        Assert.Equal("/Hospital", coordinatorHome.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/Hospital")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Inviting.InviteColleagueAsync(coordinator, "doctor@rgh.test", "Dr. Qian Hui")).StatusCode);
        var (doctor, doctorHome) = await Inviting.AcceptAsync(portal, await Inviting.LinkSentToAsync(portal, smtp, "doctor@rgh.test"),
            "the doctor's own passphrase");

        Assert.Equal("/Applicant", doctorHome.Headers.Location!.OriginalString);
        Assert.Contains("Riverside General Hospital", (await doctor.GetPageAsync("/Applicant")).Document.Text());
        Assert.Equal(3, smtp.Messages.Count);
        await using var db = portal.NewDbContext();
        Assert.Equal(3, await db.Users.CountAsync(u => u.EmailConfirmed && u.PasswordHash != null));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "user.invited" && e.ActorId != null));
    }

    /// <summary>The administrator creates the hospital through the /Admin/Institutions form.</summary>
    private static async Task<int> CreateHospitalAsync(PortalFactory portal, HttpClient admin, string name, string shortName)
    {
        var page = await admin.GetPageAsync("/Admin/Institutions");
        var created = await admin.SubmitAsync(page, "#institution-new-form", new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(InstitutionKind.Hospital),
            ["Input.Name"] = name,
            ["Input.ShortName"] = shortName,
            ["Input.City"] = "Guangzhou",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = portal.NewDbContext();
        return await db.Institutions.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }
}
