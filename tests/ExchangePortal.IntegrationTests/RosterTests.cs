using System.Net;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class RosterTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_roster_lists_placed_doctors_and_arrivals_in_date_order()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var cohortId = await RunningCohortAsync();

        var page = await client.GetPageAsync($"/Coordinator/Roster/{cohortId}");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Single(page.Document.QuerySelectorAll("#arrivals-heading ~ table tbody tr"));
        Assert.Equal(4, page.Document.QuerySelectorAll("#roster-heading ~ table tbody tr").Length);
    }

    [Fact]
    public async Task The_roster_exports_as_csv_and_excel()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var cohortId = await RunningCohortAsync();

        var csv = await client.GetAsync($"/Coordinator/Roster/{cohortId}?handler=Csv");
        var excel = await client.GetAsync($"/Coordinator/Roster/{cohortId}?handler=Excel&arrivals=true");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Application,Doctor,Hospital", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(5, lines.Length);
        var bytes = await excel.Content.ReadAsByteArrayAsync();
        using var workbook = new MemoryStream(bytes);
        var rows = workbook.Query(useHeaderRow: true, excelType: ExcelType.XLSX).ToList();
        Assert.Single(rows);
        Assert.Equal("Confirmed", (string)((IDictionary<string, object>)rows[0])["Status"]);
    }

    [Fact]
    public async Task An_unknown_cohort_is_not_found()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Coordinator/Roster/99999")).StatusCode);
    }

    private async Task<int> RunningCohortAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).Select(c => c.Id).SingleAsync();
    }
}
