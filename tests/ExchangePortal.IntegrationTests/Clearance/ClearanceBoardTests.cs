using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Documents;
using ExchangePortal.Core.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Clearance;

/// <summary>The clearance board per cohort: each confirmed doctor's required papers and their state, the "not cleared" filter,
/// the export, the dashboard's readiness counting the same, the hospital's view of its own staff, and its cost at scale.</summary>
[Collection(PostgresCollection.Name)]
public class ClearanceBoardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_state_is_shown_the_filter_keeps_the_not_cleared_and_the_dashboard_counts_the_same()
    {
        await using var db = portal.NewDbContext();
        var (cohort, ids) = await StatesCohortAsync(db);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        var page = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        string Insurance(int id) => page.Document.QuerySelector($"#clearance-{id} td[data-kind=Insurance] .badge")!.GetAttribute("data-state")!;
        Assert.Equal(["Verified", "Waiting", "Returned", "ExpiresBeforeStayEnds", "Missing"], ids.Select(Insurance));
        Assert.Equal(["true", "false", "false", "false", "false"], ids.Select(id => page.Document.QuerySelector($"#clearance-{id}")!.GetAttribute("data-cleared")!));
        Assert.Equal(5, page.Document.QuerySelectorAll("#clearance-board tbody tr").Length);
        Assert.Equal("1 of 5 confirmed doctors cleared", page.Document.QuerySelector("#cleared-count")!.TextContent.Trim());
        // 20 days from the test's UTC date, 19 once Hong Kong has passed midnight.
        Assert.InRange(int.Parse(page.Document.QuerySelector($"#clearance-{ids[0]} td:nth-of-type(2)")!.TextContent), 19, 20);

        var filtered = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance?NotCleared=true");
        Assert.Equal(ids.Skip(1).Select(id => $"clearance-{id}"), filtered.Document.QuerySelectorAll("#clearance-board tbody tr").Select(r => r.Id!));

        await using var scope = portal.Services.CreateAsyncScope();
        var progress = (await scope.ServiceProvider.GetRequiredService<AdminDashboard>().GetAsync()).Cohorts.Single(c => c.Id == cohort.Id);
        Assert.Equal((5, 1), (progress.Confirmed, progress.Ready));
        var board = await scope.ServiceProvider.GetRequiredService<ClearanceBoard>().GetAsync(cohort.Id, notClearedOnly: false);
        // The board's per-item states and its SQL flag agree: cleared exactly when every item is verified.
        Assert.All(board!.Rows, r => Assert.Equal(r.Cleared, r.Items.All(i => i.State == ClearanceState.Verified)));
    }

    [Fact]
    public async Task The_export_holds_the_board_and_is_audited_with_every_person_in_it()
    {
        await using var db = portal.NewDbContext();
        var (cohort, ids) = await StatesCohortAsync(db);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        var csv = await coordinator.GetAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance?handler=Csv&NotCleared=true");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.StartsWith("Application,Doctor,Hospital,Status,Arrives,DaysToArrival,Cleared,TravelDocument,Insurance", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{ids[2]},") && l.Contains(",Returned,") && l.Contains("not required"));
        var excel = await coordinator.GetAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance?handler=Excel");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType?.MediaType);

        var audits = await db.AuditEntries.AsNoTracking().Where(e => e.Action == $"export.clearance:{cohort.Id}").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["csv", "xlsx"], audits.Select(a => a.Changes["Format"].After));
        Assert.Equal(ids.Skip(1).Order(), audits[0].Changes["Rows"].After!.Split(',').Select(int.Parse).Order());
        var people = await db.Applications.Where(a => ids.Contains(a.Id)).Select(a => a.Doctor.UserId).ToListAsync();
        Assert.Equal(people.Order(), audits[1].SubjectIds.Order());
    }

    [Fact]
    public async Task The_cohort_edit_form_sets_what_the_cohort_requires_and_the_board_and_dashboard_follow()
    {
        await using var db = portal.NewDbContext();
        var (cohort, ids) = await StatesCohortAsync(db);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var edit = await coordinator.GetPageAsync($"/Coordinator/Cohorts/Edit/{cohort.Id}");
        var permit = Array.IndexOf(ClearanceRules.PreArrivalKinds, DocumentKind.ExitEntryPermit);
        var saved = await coordinator.SubmitAsync(edit, "#cohort-form",
            new Dictionary<string, string> { [$"Input.Clearance[{permit}].Required"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var required = await db.Set<CohortClearanceItem>().Where(i => i.CohortId == cohort.Id).Select(i => i.Kind).ToListAsync();
        Assert.Equal([DocumentKind.Insurance, DocumentKind.PractisingLicence, DocumentKind.TravelDocument, DocumentKind.ExitEntryPermit], required.OrderBy(k => k.ToString() == "ExitEntryPermit").ThenBy(k => k.ToString()));
        var page = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance");
        Assert.Equal("Missing", page.Document.QuerySelector($"#clearance-{ids[0]} td[data-kind=ExitEntryPermit] .badge")!.GetAttribute("data-state"));
        Assert.Equal("0 of 5 confirmed doctors cleared", page.Document.QuerySelector("#cleared-count")!.TextContent.Trim());
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<AdminDashboard>().GetAsync()).Cohorts.Single(c => c.Id == cohort.Id).Ready);
    }

    [Fact]
    public async Task The_hospital_coordinator_sees_the_items_of_their_own_staff_only()
    {
        await using var db = portal.NewDbContext();
        var (cohort, ids) = await StatesCohortAsync(db);

        var own = await (await portal.SignInAsync("hospital@demo.local")).GetPageAsync($"/Hospital/Staff?cohort={cohort.Id}");
        Assert.Equal("Cleared", own.Document.QuerySelector($"#staff-clearance-{ids[0]}")!.TextContent.Trim());
        Assert.Equal("Returned", own.Document.QuerySelector($"#staff-clearance-{ids[2]} .badge[data-state=Returned]")!.GetAttribute("data-state"));
        var other = await (await portal.SignInAsync("hospital2@demo.local")).GetPageAsync($"/Hospital/Staff?cohort={cohort.Id}");
        Assert.Empty(other.Document.QuerySelectorAll("[id^=staff-clearance-]"));
    }

    [Fact]
    public async Task The_board_runs_the_same_statements_with_ten_times_the_doctors()
    {
        await using var db = portal.NewDbContext();
        var cohort = await ClearanceWorld.CohortAsync(db, seats: 40);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        await coordinator.GetAsync($"/Coordinator/Cohorts/{cohort.Id}/Clearance"); // first-request work is not the page's own

        await AddDoctorsAsync(db, cohort, 3);
        var small = await CountAsync(coordinator, cohort.Id);
        await AddDoctorsAsync(db, cohort, 27);
        var large = await CountAsync(coordinator, cohort.Id);

        Assert.Equal(small, large);
        Assert.InRange(small, 1, 6);
    }

    private async Task<int> CountAsync(HttpClient client, int cohortId)
    {
        portal.Sql.Reset();
        var page = await client.GetPageAsync($"/Coordinator/Cohorts/{cohortId}/Clearance");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.NotEmpty(page.Document.QuerySelectorAll("#clearance-board tbody tr"));
        return portal.Sql.Count;
    }

    private static async Task AddDoctorsAsync(PortalDbContext db, ExchangeCohort cohort, int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var application = await ClearanceWorld.ConfirmedAsync(db, cohort, $"Scale Doctor {i}", now);
            ClearanceWorld.Paper(db, application, DocumentKind.Insurance, cohort.EndsOn, i % 2 == 0 ? DocumentVerification.Verified : DocumentVerification.Waiting, now);
            ClearanceWorld.Paper(db, application, DocumentKind.TravelDocument, cohort.EndsOn.AddYears(1), DocumentVerification.Verified, now);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A cohort starting in 20 days with five confirmed doctors whose insurance is, in order: verified, waiting, returned,
    /// verified but expiring before the stay ends, missing; their licence and travel papers are verified and valid. One more
    /// doctor holds an offer not yet accepted and is not on the board.</summary>
    private static async Task<(ExchangeCohort Cohort, int[] Ids)> StatesCohortAsync(PortalDbContext db)
    {
        var cohort = await ClearanceWorld.CohortAsync(db, startsInDays: 20);
        var now = DateTimeOffset.UtcNow;
        var insurance = new (DocumentVerification, DateOnly)?[]
        {
            (DocumentVerification.Verified, cohort.EndsOn), (DocumentVerification.Waiting, cohort.EndsOn), (DocumentVerification.Returned, cohort.EndsOn),
            (DocumentVerification.Verified, cohort.EndsOn.AddDays(-1)), null,
        };
        var ids = new List<int>();
        foreach (var (paper, i) in insurance.Select((p, i) => (p, i)))
        {
            var application = await ClearanceWorld.ConfirmedAsync(db, cohort, $"Clearance {(char)('A' + i)} Doctor", now.AddMinutes(i));
            ClearanceWorld.Paper(db, application, DocumentKind.PractisingLicence, cohort.EndsOn.AddYears(2), DocumentVerification.Verified, now);
            ClearanceWorld.Paper(db, application, DocumentKind.TravelDocument, cohort.EndsOn.AddYears(5), DocumentVerification.Verified, now);
            if (paper is { } p)
                ClearanceWorld.Paper(db, application, DocumentKind.Insurance, p.Item2, p.Item1, now);
            ids.Add(application.Id);
        }
        await db.SaveChangesAsync();
        return (cohort, ids.ToArray());
    }
}
