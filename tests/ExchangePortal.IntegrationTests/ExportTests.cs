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
    // What a doctor could type as their name to make a spreadsheet run it: every character a formula starts with, with
    // and without the quotes and commas that make a CSV field quoted (an unquoted one is what an assertion on the raw
    // text alone could see; a quoted one hides it, which is why the cells are read back and compared).
    public static readonly string[] FormulaNames = ["=HYPERLINK(\"http://evil\")", "=1+2", "+1+2", "-1+2", "@SUM(1;2)", "\t=1+2", "\r=1+2"];

    [Fact]
    public async Task Applications_export_as_csv_filtered_and_formula_safe()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var offered = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Offered);

        var filtered = await admin.GetAsync("/Admin/Exports?handler=Applications&status=Offered");
        var milestones = await admin.GetAsync("/Admin/Exports?handler=Milestones");

        Assert.Equal(offered + 1, (await filtered.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Annual review of the cooperation", await milestones.Content.ReadAsStringAsync());
        foreach (var name in FormulaNames)
        {
            var application = await RenameADoctorAsync(name);
            try
            {
                var all = await admin.GetAsync("/Admin/Exports?handler=Applications");
                Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
                var bytes = await all.Content.ReadAsByteArrayAsync();
                var (_, rows) = ParseCsv(bytes);
                Assert.Equal(await db.Applications.CountAsync(), rows.Count);
                // The cell reads as the name with the escape in front: a spreadsheet shows it as text.
                Assert.Equal(Escaped(name), rows.Single(r => r["Application"] == application.ToString())["Doctor"].ReplaceLineEndings("\n"));
                Assert.All(rows.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
                Assert.DoesNotContain("," + name.Trim() + ",", System.Text.Encoding.UTF8.GetString(bytes));
            }
            finally
            {
                await RestoreNamesAsync();
            }
        }
    }

    [Theory]
    [InlineData("/Admin/Exports?handler=ApplicationsExcel", "admin@demo.local")]
    [InlineData("/Admin/Exports?handler=RosterExcel&cohort={cohort}", "admin@demo.local")]
    [InlineData("/Coordinator/Roster/{cohort}?handler=Excel", "coordinator@demo.local")]
    public async Task Excel_exports_hold_values_never_formulas_and_escape_formula_text_like_the_csv(string url, string email)
    {
        var client = await portal.SignInAsync(email);
        foreach (var name in FormulaNames)
        {
            var application = await RenameADoctorAsync(name);
            try
            {
                var cohort = await CohortOfAsync(application);
                var excel = await client.GetAsync(url.Replace("{cohort}", cohort.ToString()));
                Assert.Equal(ExchangePortal.Web.ExportFiles.ExcelContentType, excel.Content.Headers.ContentType!.MediaType);
                var bytes = await excel.Content.ReadAsByteArrayAsync();

                var (headers, rows) = ParseExcel(bytes);
                var key = headers.Contains("Application") ? "Application" : headers[0];
                Assert.Equal(Escaped(name), rows.Single(r => r[key] == application.ToString())["Doctor"].ReplaceLineEndings("\n"));
                Assert.All(rows.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
                // No cell of the sheet is a formula, whatever its text.
                Assert.DoesNotMatch("<(x:)?f[ >]", SheetXml(bytes));
            }
            finally
            {
                await RestoreNamesAsync();
            }
        }
    }

    private readonly Dictionary<int, string> _renamed = [];

    // The cell's text as a spreadsheet keeps it: the escape in front (line breaks read back as \n).
    private static string Escaped(string name) => ("'" + name).ReplaceLineEndings("\n");

    /// <summary>Gives the doctor of a placed application in the running cohort (in every export) the name, and returns the application.</summary>
    private async Task<int> RenameADoctorAsync(string name)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Where(c => c.Status == CohortStatus.InProgress).Select(c => c.Id).SingleAsync();
        var placed = await db.Applications.Where(a => a.CohortId == cohort && a.Placement != null && a.Placement.ReleasedAt == null)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.DoctorId, a.Doctor.FullName }).FirstAsync();
        _renamed.TryAdd(placed.DoctorId, placed.FullName);
        await db.Doctors.Where(d => d.Id == placed.DoctorId).ExecuteUpdateAsync(s => s.SetProperty(d => d.FullName, name));
        return placed.Id;
    }

    private async Task RestoreNamesAsync()
    {
        await using var db = portal.NewDbContext();
        foreach (var (doctor, name) in _renamed)
            await db.Doctors.Where(d => d.Id == doctor).ExecuteUpdateAsync(s => s.SetProperty(d => d.FullName, name));
    }

    private async Task<int> CohortOfAsync(int application)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == application).Select(a => a.CohortId).SingleAsync();
    }

    private static string SheetXml(byte[] workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
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
        Assert.NotEmpty(shownColumns);
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
