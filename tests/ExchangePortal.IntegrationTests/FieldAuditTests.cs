using System.Net;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class FieldAuditTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Creating_and_editing_a_lab_are_in_the_audit_trail_field_by_field()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var create = await coordinator.GetPageAsync("/Coordinator/Labs/Create");
        await coordinator.SubmitAsync(create, "#lab-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Audited Lab",
            ["Input.Department"] = "Department of Audits",
            ["Input.PrincipalInvestigatorName"] = "Dr. Ada Audit",
            ["Input.PrincipalInvestigatorEmail"] = "ada.audit@vhu.test",
            ["Input.ResearchAreas"] = "Auditing",
            ["Input.Description"] = "A lab whose every change is recorded.",
            ["Input.DefaultSeats"] = "2",
        });
        int labId;
        await using (var db = portal.NewDbContext())
            labId = await db.HostLabs.Where(l => l.Name == "Audited Lab").Select(l => l.Id).SingleAsync();
        var edit = await coordinator.GetPageAsync($"/Coordinator/Labs/Edit/{labId}");

        var saved = await coordinator.SubmitAsync(edit, "#lab-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Audited Lab (renamed)",
            ["Input.DefaultSeats"] = "3",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = portal.NewDbContext();
        var coordinatorId = await check.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        var entries = await check.AuditEntries.Where(e => e.RecordType == "HostLab" && e.RecordId == labId.ToString())
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["hostLab.created", "hostLab.edited"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(coordinatorId, e.ActorId));
        Assert.Equal("Audited Lab", entries[0].Changes["Name"].After);
        var edited = entries[1].Changes;
        Assert.Equal(["DefaultSeats", "Name"], edited.Keys.Order());
        Assert.Equal(("Audited Lab", "Audited Lab (renamed)"), (edited["Name"].Before, edited["Name"].After));
        Assert.Equal(("2", "3"), (edited["DefaultSeats"].Before, edited["DefaultSeats"].After));

        var admin = await portal.SignInAsync("admin@demo.local");
        var trail = await admin.GetPageAsync($"/Admin/Audit?Filter.Type=HostLab&Filter.Record={labId}");
        Assert.Contains("Name: Audited Lab → Audited Lab (renamed)", trail.Document.Text());
    }

    [Fact]
    public async Task A_cohort_status_change_is_audited_and_the_demo_data_left_no_entries_of_its_own()
    {
        int cohortId;
        await using (var db = portal.NewDbContext())
        {
            Assert.False(await db.AuditEntries.AnyAsync(e => e.RecordType == "ExchangeCohort"));
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.Open).Select(c => c.Id).SingleAsync();
        }
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var details = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohortId}");

        var moved = await coordinator.SubmitAsync(details, "#status-StartReviewing", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var check = portal.NewDbContext();
        var entry = await check.AuditEntries.SingleAsync(e => e.RecordType == "ExchangeCohort" && e.RecordId == cohortId.ToString());
        Assert.Equal("exchangeCohort.edited", entry.Action);
        Assert.Equal(("Open", "Reviewing"), (entry.Changes["Status"].Before, entry.Changes["Status"].After));
        Assert.Single(entry.Changes);
    }
}
