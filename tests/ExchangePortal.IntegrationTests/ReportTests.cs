using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CsvHelper;
using ExchangePortal.Core;
using ExchangePortal.Core.Programme;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ExchangePortal.IntegrationTests;

/// <summary>/Admin/Reports over the demo data: every figure against plain SQL, the exports against the tables, bad years refused.</summary>
[Collection(PostgresCollection.Name)]
public class ReportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_breakdown_shows_the_counts_plain_sql_finds_in_the_demo_data()
    {
        var admin = await portal.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync("/Admin/Reports");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var years = await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year);
        Assert.True(years.Count >= 2, "The demo data places doctors in at least two years.");
        Assert.Contains(years, r => r.Completed > 0 && r.Rate.Length > 0);
        foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
            Assert.Equal(await ReportFigures.ExpectedAsync(portal, breakdown), ReportFigures.Shown(page.Document, breakdown));
        Assert.Equal(5, page.Document.QuerySelectorAll("section svg[role=img]").Length);
    }

    [Fact]
    public async Task A_year_range_keeps_only_the_stays_starting_in_those_years()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var year = (await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year)).Max(r => r.Year);

        var page = await admin.GetPageAsync($"/Admin/Reports?Years.From={year}&Years.To={year}");
        var before = await admin.GetPageAsync($"/Admin/Reports?Years.To={year - 1}");

        foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
        {
            var expected = await ReportFigures.ExpectedAsync(portal, breakdown);
            Assert.Equal(expected.Where(r => r.Year == year), ReportFigures.Shown(page.Document, breakdown));
            Assert.Equal(expected.Where(r => r.Year < year), ReportFigures.Shown(before.Document, breakdown));
        }
        Assert.Equal(year.ToString(CultureInfo.InvariantCulture), page.Document.QuerySelector("#report-filter input[name='Years.From']")!.GetAttribute("value"));
        var empty = await admin.GetPageAsync("/Admin/Reports?Years.From=1990&Years.To=1991");
        Assert.NotNull(empty.Document.QuerySelector("#report-empty"));
    }

    [Fact]
    public async Task Each_export_as_csv_and_excel_holds_the_rows_of_its_table_and_is_audited()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var year = (await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year)).Min(r => r.Year);
        await using var db = portal.NewDbContext();
        var audited = await db.AuditEntries.CountAsync(e => e.Action == AdminReports.Exported);

        foreach (var query in new[] { "", $"Years.From={year}" })
        {
            var page = await admin.GetPageAsync("/Admin/Reports?" + query);
            foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
            {
                var shown = ReportFigures.Shown(page.Document, breakdown);
                var section = page.Document.QuerySelector($"#report-{breakdown.ToString().ToLowerInvariant()}")!;
                var links = section.QuerySelectorAll("a[href*='handler=']").Select(a => WebUtility.HtmlDecode(a.GetAttribute("href")!)).ToList();
                Assert.Equal(2, links.Count);

                var csv = await admin.GetAsync(links.Single(l => l.Contains("handler=Csv")));
                var excel = await admin.GetAsync(links.Single(l => l.Contains("handler=Excel")));

                Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
                Assert.Equal(ExchangePortal.Web.ExportFiles.ExcelContentType, excel.Content.Headers.ContentType!.MediaType);
                var fromCsv = ReportFigures.FromCsv(await csv.Content.ReadAsByteArrayAsync());
                var fromExcel = ReportFigures.FromExcel(await excel.Content.ReadAsByteArrayAsync());
                Assert.NotEmpty(shown);
                Assert.Equal(shown, fromCsv.Select(l => l.Row));
                Assert.Equal(shown, fromExcel.Select(l => l.Row));
                Assert.All(fromCsv.Concat(fromExcel), l => Assert.Equal(breakdown.ToString(), l.Breakdown));
            }
        }
        Assert.Equal(audited + 20, await db.AuditEntries.CountAsync(e => e.Action == AdminReports.Exported));
        var last = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == AdminReports.Exported);
        Assert.Equal("Lab", last.RecordId);
        Assert.Equal("Excel", last.Changes["Format"].After);
        Assert.Equal(await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync(), last.ActorId);
    }

    [Theory]
    [InlineData("?Years.From=abc", "The value entered for From year is not valid.")]
    [InlineData("?Years.From=2030&Years.To=2020", "The first year cannot come after the last year.")]
    [InlineData("?Years.To=99999", "Give years between 1900 and 2200.")]
    [InlineData("?Years.From=-5", "Give years between 1900 and 2200.")]
    [InlineData("?handler=Csv&breakdown=Nope", "Choose one of the options offered.")]
    [InlineData("?handler=Excel", "Choose one of the options offered.")]
    [InlineData("?handler=Csv&breakdown=Hospital&Years.From=2030&Years.To=2020", "The first year cannot come after the last year.")]
    public async Task Bad_years_or_breakdowns_get_a_message_not_a_report_or_a_file(string query, string message)
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var audited = await db.AuditEntries.CountAsync(e => e.Action == AdminReports.Exported);

        var page = await admin.GetPageAsync("/Admin/Reports" + query);

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(message, page.Document.QuerySelector("#input-problems")!.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("section table"));
        Assert.Equal(audited, await db.AuditEntries.CountAsync(e => e.Action == AdminReports.Exported));
    }

    [Fact]
    public async Task The_report_and_its_messages_are_in_chinese_for_a_chinese_reader()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var expected = await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Hospital);

        var page = await admin.GetPageAsync("/Admin/Reports");
        var refused = await admin.GetPageAsync("/Admin/Reports?Years.From=2030&Years.To=2020");

        Assert.Equal("跨年度报告", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(expected, ReportFigures.Shown(page.Document, ReportBreakdown.Hospital));
        Assert.Contains("完成率", page.Document.QuerySelector("#report-hospital .report-table thead")!.TextContent);
        Assert.Equal("起始年份不能晚于结束年份。", refused.Document.QuerySelector("#input-problems")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_report_is_one_sql_statement_and_its_export_one_more_for_the_audit()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await admin.GetAsync("/Admin/Reports");

        portal.Sql.Reset();
        (await admin.GetAsync("/Admin/Reports")).EnsureSuccessStatusCode();
        var page = portal.Sql.Count;
        portal.Sql.Reset();
        (await admin.GetAsync("/Admin/Reports?handler=Csv&breakdown=Lab")).EnsureSuccessStatusCode();
        var export = portal.Sql.Count;

        Assert.Equal(1, page);
        Assert.Equal(2, export);
    }
}

/// <summary>/Admin/Reports over the large-data seeder's programme (ten years, 60 labs, four hospitals), at a small size.</summary>
[Collection(PostgresCollection.Name)]
public class ReportLargeDataTests(ProductionPortalFactory portal) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task Over_the_large_data_seed_every_figure_equals_plain_sql_in_the_same_number_of_statements_as_over_the_demo_data()
    {
        await using (var seeding = ExchangePortal.Tools.ToolDatabase.Open(portal.ConnectionString))
            await new ExchangePortal.Tools.LargeDataSeeder(seeding, new Microsoft.AspNetCore.Identity.UpperInvariantLookupNormalizer(),
                portal.Services.GetRequiredService<ProgrammeClock>(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ExchangePortal.Tools.LargeDataSeeder>.Instance).SeedAsync(3000);
        var admin = await portal.SignInAsync($"admin@{ExchangePortal.Tools.LargeDataSeeder.Domain}");
        await admin.GetAsync("/Admin/Reports");

        portal.Sql.Reset();
        var page = await admin.GetPageAsync("/Admin/Reports");
        var statements = portal.Sql.Count;
        var filtered = await admin.GetPageAsync($"/Admin/Reports?Years.From={DateTime.UtcNow.Year - 5}&Years.To={DateTime.UtcNow.Year - 2}");

        Assert.Equal(1, statements); // as over the demo data (ReportTests)
        var years = await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year);
        Assert.True(years.Count >= 9, $"The seed places doctors over ten years; found {years.Count}.");
        Assert.True(years.Sum(y => y.Placed) >= 50);
        foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
        {
            var expected = await ReportFigures.ExpectedAsync(portal, breakdown);
            Assert.Equal(expected, ReportFigures.Shown(page.Document, breakdown));
            Assert.Equal(expected.Where(r => r.Year >= DateTime.UtcNow.Year - 5 && r.Year <= DateTime.UtcNow.Year - 2),
                ReportFigures.Shown(filtered.Document, breakdown));
        }
        Assert.True((await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Lab)).Select(r => r.Group).Distinct().Count() > 20);
    }
}

/// <summary>The report's figures computed with plain SQL, and read back from the page's tables and the exports.</summary>
internal static class ReportFigures
{
    /// <summary>One table row as shown: group ("" for the year table), year, placed, completed, stays ended, completion rate ("" for none).</summary>
    public sealed record Row(string Group, int Year, int Placed, int Completed, int Ended, string Rate);

    public sealed record Line(string Breakdown, Row Row);

    private sealed record Counted(string Group, int Year, int Placed, int Completed, int Ended, int EndedCompleted);

    /// <summary>
    /// Placed: a placement holding its seat whose application is confirmed, in progress or completed; by the stay's start
    /// year; ended: its last day before today in the programme's time zone; the rate: completed among those ended.
    /// </summary>
    public static async Task<List<Row>> ExpectedAsync(PortalFactory portal, ReportBreakdown breakdown)
    {
        var today = portal.Services.GetRequiredService<ProgrammeClock>().Today;
        var (group, key) = breakdown switch
        {
            ReportBreakdown.Year => ("''", "2"),
            ReportBreakdown.Hospital => ("i.\"Name\"", "i.\"Id\", i.\"Name\", 2"),
            ReportBreakdown.Department => ("h.\"Department\"", "h.\"Department\", 2"),
            ReportBreakdown.Specialty => ("d.\"Specialty\"", "d.\"Specialty\", 2"),
            _ => ("h.\"Name\"", "h.\"Id\", h.\"Name\", 2"),
        };
        // The grouping differs per breakdown; the columns and the rule are written out once, below.
        var sql = $"""
            SELECT {group} AS "Group", extract(year FROM p."StartsOn")::int AS "Year", count(*)::int AS "Placed",
                   count(*) FILTER (WHERE a."Status" = 'Completed')::int AS "Completed",
                   count(*) FILTER (WHERE p."EndsOn" < @today)::int AS "Ended",
                   count(*) FILTER (WHERE p."EndsOn" < @today AND a."Status" = 'Completed')::int AS "EndedCompleted"
            FROM "Placements" p
            JOIN "Applications" a ON a."Id" = p."ApplicationId"
            JOIN "Doctors" d ON d."Id" = a."DoctorId"
            JOIN "Institutions" i ON i."Id" = d."HospitalId"
            JOIN "CohortLabs" cl ON cl."Id" = p."CohortLabId"
            JOIN "HostLabs" h ON h."Id" = cl."HostLabId"
            WHERE p."ReleasedAt" IS NULL AND a."Status" IN ('Confirmed', 'InProgress', 'Completed')
            GROUP BY {key}
            """;
        await using var db = portal.NewDbContext();
        var counted = await db.Database.SqlQueryRaw<Counted>(sql, new Npgsql.NpgsqlParameter("today", today)).ToListAsync();
        return counted
            .Select(c => new Row(c.Group, c.Year, c.Placed, c.Completed, c.Ended,
                c.Ended == 0 ? "" : (100m * c.EndedCompleted / c.Ended).ToString("0.0", CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Placed)
            .ToList();
    }

    /// <summary>The rows of the breakdown's table on the page, in the same order as <see cref="ExpectedAsync"/>.</summary>
    public static List<Row> Shown(IHtmlDocument page, ReportBreakdown breakdown)
    {
        var table = page.QuerySelector($"#report-{breakdown.ToString().ToLowerInvariant()} table.report-table");
        if (table is null)
            return [];
        return table.QuerySelectorAll("tbody tr").Select(tr =>
        {
            var cells = tr.Children.Select(c => c.TextContent.Trim()).ToList();
            if (breakdown == ReportBreakdown.Year)
                cells.Insert(0, "");
            return new Row(cells[0] == "—" ? "" : cells[0], int.Parse(cells[1]), int.Parse(cells[2]), int.Parse(cells[3]), int.Parse(cells[4]),
                cells[5] == "—" ? "" : cells[5].TrimEnd('%', ' '));
        }).OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Placed).ToList();
    }

    public static List<Line> FromCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, null);
        Assert.Equal(["Breakdown", "Group", "Year", "Placed", "Completed", "StaysEnded", "CompletionRatePercent"], reader.Headers.ToList());
        var lines = new List<Line>();
        while (reader.Read())
            lines.Add(LineOf(h => reader.GetString(h)));
        return Ordered(lines);
    }

    public static List<Line> FromExcel(byte[] bytes)
    {
        using var workbook = new MemoryStream(bytes);
        return Ordered(workbook.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Select(r => (IDictionary<string, object?>)r)
            .Select(r => LineOf(h => Convert.ToString(r[h], CultureInfo.InvariantCulture) ?? ""))
            .ToList());
    }

    private static Line LineOf(Func<string, string> cell)
    {
        var rate = cell("CompletionRatePercent");
        return new Line(cell("Breakdown"), new Row(cell("Group"), int.Parse(cell("Year")), int.Parse(cell("Placed")), int.Parse(cell("Completed")),
            int.Parse(cell("StaysEnded")), rate.Length == 0 ? "" : decimal.Parse(rate, CultureInfo.InvariantCulture).ToString("0.0", CultureInfo.InvariantCulture)));
    }

    private static List<Line> Ordered(List<Line> lines) =>
        lines.OrderBy(l => l.Row.Group, StringComparer.Ordinal).ThenBy(l => l.Row.Year).ThenBy(l => l.Row.Placed).ToList();
}
