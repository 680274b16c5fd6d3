using System.Net;
using CsvHelper;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ExportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Applications_export_as_csv_filtered_and_formula_safe()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        await db.Doctors.Where(d => d.Email == "doctor07@demo.local")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FullName, "=HYPERLINK(\"http://evil\")"));
        var offered = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Offered);

        var all = await admin.GetAsync("/Admin/Exports?handler=Applications");
        var filtered = await admin.GetAsync("/Admin/Exports?handler=Applications&status=Offered");
        var milestones = await admin.GetAsync("/Admin/Exports?handler=Milestones");

        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var allText = await all.Content.ReadAsStringAsync();
        Assert.Equal(await db.Applications.CountAsync() + 1, allText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(",=HYPERLINK", allText);
        Assert.Contains("HYPERLINK", allText);
        Assert.Equal(offered + 1, (await filtered.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Annual review of the cooperation", await milestones.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Applications_export_as_csv_and_excel_with_the_same_rows_and_columns_filtered_by_cohort_and_status()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Where(c => c.Status == CohortStatus.Open).Select(c => c.Id).SingleAsync();
        var expected = await db.Applications.Where(a => a.CohortId == cohort && a.Status == ApplicationStatus.Offered)
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        var query = $"cohort={cohort}&status=Offered";

        var csv = await admin.GetAsync($"/Admin/Exports?handler=Applications&{query}");
        var excel = await admin.GetAsync($"/Admin/Exports?handler=ApplicationsExcel&{query}");
        var everything = await admin.GetAsync("/Admin/Exports?handler=ApplicationsExcel");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
        Assert.Equal("applications.xlsx", excel.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var (csvHeaders, csvRows) = ParseCsv(await csv.Content.ReadAsByteArrayAsync());
        var (excelHeaders, excelRows) = ParseExcel(await excel.Content.ReadAsByteArrayAsync());
        string[] columns = ["Application", "Cohort", "Doctor", "Hospital", "Specialty", "Status", "Submitted", "FirstChoice", "PlacedIn"];
        Assert.Equal(columns, csvHeaders);
        Assert.Equal(columns, excelHeaders);
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected.Select(id => id.ToString()), csvRows.Select(r => r["Application"]));
        Assert.Equal(csvRows, excelRows);
        Assert.All(excelRows, r => Assert.Equal("Offered", r["Status"]));
        Assert.Equal(await db.Applications.CountAsync(), ParseExcel(await everything.Content.ReadAsByteArrayAsync()).Rows.Count);
    }

    [Fact]
    public async Task Administrators_export_a_cohort_roster_with_the_rows_and_columns_the_roster_page_shows()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).Select(c => c.Id).SingleAsync();
        var page = await coordinator.GetPageAsync($"/Coordinator/Roster/{cohort}");
        var table = page.Document.QuerySelector("#roster-heading ~ table")!;
        var shownColumns = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        var shownDoctors = table.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

        var csv = await admin.GetAsync($"/Admin/Exports?handler=Roster&cohort={cohort}");
        var excel = await admin.GetAsync($"/Admin/Exports?handler=RosterExcel&cohort={cohort}");

        var (csvHeaders, csvRows) = ParseCsv(await csv.Content.ReadAsByteArrayAsync());
        var (excelHeaders, excelRows) = ParseExcel(await excel.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, shownDoctors.Count);
        Assert.Equal(shownDoctors, csvRows.Select(r => r["Doctor"]));
        Assert.Equal(csvRows, excelRows);
        Assert.Equal(csvHeaders, excelHeaders);
        Assert.All(shownColumns, column => Assert.Contains(column, csvHeaders));
        Assert.Equal($"cohort-{cohort}-roster.xlsx", excel.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    [Theory]
    [InlineData("handler=Applications&status=Nope", "Choose a cohort and a status from the lists.")]
    [InlineData("handler=ApplicationsExcel&cohort=abc", "Choose a cohort and a status from the lists.")]
    [InlineData("handler=Applications&cohort=999999", "There is no such cohort.")]
    [InlineData("handler=Roster", "Choose the cohort whose roster you want.")]
    [InlineData("handler=RosterExcel&cohort=999999", "There is no such cohort.")]
    public async Task Bad_export_parameters_give_a_message_not_a_file(string query, string message)
    {
        var admin = await portal.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync($"/Admin/Exports?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(message, page.Document.QuerySelector("#export-problem")!.TextContent.Trim());
    }

    private static (List<string> Headers, List<Dictionary<string, string>> Rows) ParseCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, null);
        var headers = reader.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(headers.ToDictionary(h => h, h => reader.GetString(h)));
        return (headers, rows);
    }

    private static (List<string> Headers, List<Dictionary<string, string>> Rows) ParseExcel(byte[] bytes)
    {
        using var workbook = new MemoryStream(bytes);
        var headers = workbook.GetColumns(useHeaderRow: true, excelType: ExcelType.XLSX)!.Select(c => c.ToString()!).ToList();
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Select(r => ((IDictionary<string, object?>)r).ToDictionary(c => c.Key, c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .ToList();
        return (headers, rows);
    }

    [Fact]
    public async Task Only_administrators_export()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Admin/Exports?handler=Applications")).StatusCode);
    }
}
