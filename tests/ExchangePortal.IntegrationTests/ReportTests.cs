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
        Assert.Contains(years, r => r.Evaluations > 0 && r.Average.Length > 0 && r.Recommending.Length > 0 && r.Reports > 0 && r.Outputs > 0);
        foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
            Assert.Equal(await ReportFigures.ExpectedAsync(portal, breakdown), ReportFigures.Shown(page.Document, breakdown));
        // Per breakdown, three charts: placed and completed, evaluation scores, reports and outputs.
        Assert.Equal(15, page.Document.QuerySelectorAll("section svg[role=img]").Length);
        Assert.Equal(5, page.Document.QuerySelectorAll("#scores-year .chart-legend li").Length); // one bar per score
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
            Assert.Equal(await ReportFigures.ExpectedAsync(portal, breakdown, year, year), ReportFigures.Shown(page.Document, breakdown));
            Assert.Equal(await ReportFigures.ExpectedAsync(portal, breakdown, to: year - 1), ReportFigures.Shown(before.Document, breakdown));
        }
        Assert.Equal(year.ToString(CultureInfo.InvariantCulture), page.Document.QuerySelector("#report-filter input[name='Years.From']")!.GetAttribute("value"));
        var empty = await admin.GetPageAsync("/Admin/Reports?Years.From=1990&Years.To=1991");
        Assert.NotNull(empty.Document.QuerySelector("#report-empty"));
    }

    [Fact]
    public async Task Each_export_as_csv_and_excel_holds_its_breakdown_year_by_year_and_is_audited()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var year = (await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year)).Min(r => r.Year);
        await using var db = portal.NewDbContext();
        var audited = await db.AuditEntries.CountAsync(e => e.Action == AdminReports.Exported);

        foreach (var from in new int?[] { null, year })
        {
            var page = await admin.GetPageAsync("/Admin/Reports?" + (from is null ? "" : $"Years.From={from}"));
            foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
            {
                // The page adds up the years per group; its files give each year apart.
                var shown = await ReportFigures.ExpectedAsync(portal, breakdown, from, perYear: true);
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
    public async Task The_report_is_one_sql_statement_kept_until_a_change_and_its_export_one_more_for_the_audit()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await admin.GetAsync("/Admin/Reports");

        portal.Sql.Reset();
        (await admin.GetAsync("/Admin/Reports")).EnsureSuccessStatusCode();
        var kept = portal.Sql.Count;
        await portal.EvictCachesAsync(); // a saved change: the figures are read again
        portal.Sql.Reset();
        (await admin.GetAsync("/Admin/Reports")).EnsureSuccessStatusCode();
        var page = portal.Sql.Count;
        portal.Sql.Reset();
        (await admin.GetAsync("/Admin/Reports?handler=Csv&breakdown=Lab")).EnsureSuccessStatusCode();
        var export = portal.Sql.Count;

        Assert.Equal(0, kept);
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

        await portal.EvictCachesAsync(); // the page's statement, not the kept figures
        portal.Sql.Reset();
        var page = await admin.GetPageAsync("/Admin/Reports");
        var statements = portal.Sql.Count;
        var filtered = await admin.GetPageAsync($"/Admin/Reports?Years.From={DateTime.UtcNow.Year - 5}&Years.To={DateTime.UtcNow.Year - 2}");

        Assert.Equal(1, statements); // as over the demo data (ReportTests)
        var years = await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Year);
        Assert.True(years.Count >= 9, $"The seed places doctors over ten years; found {years.Count}.");
        Assert.True(years.Sum(y => y.Placed) >= 50);
        Assert.True(years.Count(y => y.Evaluations > 0 && y.Reports > 0 && y.Outputs > 0) >= 5, "The seed evaluates and reports on the completed stays.");
        foreach (var breakdown in Enum.GetValues<ReportBreakdown>())
        {
            var expected = await ReportFigures.ExpectedAsync(portal, breakdown);
            Assert.Equal(expected, ReportFigures.Shown(page.Document, breakdown));
            Assert.Equal(await ReportFigures.ExpectedAsync(portal, breakdown, DateTime.UtcNow.Year - 5, DateTime.UtcNow.Year - 2),
                ReportFigures.Shown(filtered.Document, breakdown));
        }
        Assert.True((await ReportFigures.ExpectedAsync(portal, ReportBreakdown.Lab)).Select(r => r.Group).Distinct().Count() > 20);
    }
}

/// <summary>The report's figures computed with plain SQL, and read back from the page's tables and the exports.</summary>
internal static class ReportFigures
{
    /// <summary>
    /// One row of a breakdown's three tables as shown: group ("" for the year table), year (0 for a group's years added up),
    /// placed, completed, stays ended,
    /// completion rate; evaluations, the five average scores, their mean and the share recommending; reports filed and outputs
    /// listed. Averages and shares are text as shown ("" for none).
    /// </summary>
    public sealed record Row(string Group, int Year, int Placed, int Completed, int Ended, string Rate, int Evaluations,
        string Attendance, string ClinicalKnowledge, string ResearchSkills, string Communication, string Teamwork, string Average,
        string Recommending, int Reports, int Outputs);

    public sealed record Line(string Breakdown, Row Row);

    private sealed record Counted(string Group, int Year, int Placed, int Completed, int Ended, int EndedCompleted, int Evaluations,
        decimal? Attendance, decimal? ClinicalKnowledge, decimal? ResearchSkills, decimal? Communication, decimal? Teamwork,
        decimal? Average, decimal? Recommending, int Reports, int Outputs);

    /// <summary>
    /// Placed: a placement holding its seat whose application is confirmed, in progress or completed; by the stay's start
    /// year; ended: its last day before today in the programme's time zone; the rate: completed among those ended. Of those
    /// stays: the supervisors' evaluations (averages rounded half away from zero) and the end-of-stay report forms, whose
    /// outputs are the non-blank lines.
    /// </summary>
    /// <param name="perYear">A row per group and year (as the exports); by default as the page shows it: per year for the
    /// year breakdown, per group with the years added up (year 0) for the others.</param>
    public static async Task<List<Row>> ExpectedAsync(PortalFactory portal, ReportBreakdown breakdown, int? from = null, int? to = null,
        bool? perYear = null)
    {
        var today = portal.Services.GetRequiredService<ProgrammeClock>().Today;
        var byYear = perYear ?? breakdown == ReportBreakdown.Year;
        var (group, key) = breakdown switch
        {
            ReportBreakdown.Year => ("''", ""),
            ReportBreakdown.Hospital => ("i.\"Name\"", "i.\"Id\", i.\"Name\""),
            ReportBreakdown.Department => ("h.\"Department\"", "h.\"Department\""),
            ReportBreakdown.Specialty => ("d.\"Specialty\"", "d.\"Specialty\""),
            _ => ("h.\"Name\"", "h.\"Id\", h.\"Name\""),
        };
        var year = byYear ? "extract(year FROM p.\"StartsOn\")::int" : "0";
        key = byYear ? (key.Length == 0 ? "2" : key + ", 2") : key;
        // The grouping differs per breakdown; the columns and the rule are written out once, below.
        var sql = $"""
            SELECT {group} AS "Group", {year} AS "Year", count(*)::int AS "Placed",
                   count(*) FILTER (WHERE a."Status" = 'Completed')::int AS "Completed",
                   count(*) FILTER (WHERE p."EndsOn" < @today)::int AS "Ended",
                   count(*) FILTER (WHERE p."EndsOn" < @today AND a."Status" = 'Completed')::int AS "EndedCompleted",
                   count(e."Id")::int AS "Evaluations",
                   round(avg(e."Attendance"), 2) AS "Attendance", round(avg(e."ClinicalKnowledge"), 2) AS "ClinicalKnowledge",
                   round(avg(e."ResearchSkills"), 2) AS "ResearchSkills", round(avg(e."Communication"), 2) AS "Communication",
                   round(avg(e."Teamwork"), 2) AS "Teamwork",
                   round(avg((e."Attendance" + e."ClinicalKnowledge" + e."ResearchSkills" + e."Communication" + e."Teamwork") / 5.0), 2) AS "Average",
                   round(100.0 * count(*) FILTER (WHERE e."RecommendForFuture") / nullif(count(e."Id"), 0), 1) AS "Recommending",
                   count(r."Id")::int AS "Reports",
                   coalesce(sum(cardinality(array_remove(regexp_split_to_array(btrim(r."Outputs", E' \r\n\t'), '\s*\n\s*'), ''))), 0)::int AS "Outputs"
            FROM "Placements" p
            JOIN "Applications" a ON a."Id" = p."ApplicationId"
            JOIN "Doctors" d ON d."Id" = a."DoctorId"
            JOIN "Institutions" i ON i."Id" = d."HospitalId"
            JOIN "CohortLabs" cl ON cl."Id" = p."CohortLabId"
            JOIN "HostLabs" h ON h."Id" = cl."HostLabId"
            LEFT JOIN "SupervisorEvaluations" e ON e."ApplicationId" = a."Id"
            LEFT JOIN "StayReports" r ON r."ApplicationId" = a."Id"
            WHERE p."ReleasedAt" IS NULL AND a."Status" IN ('Confirmed', 'InProgress', 'Completed')
              AND extract(year FROM p."StartsOn") BETWEEN @from AND @to
            GROUP BY {key}
            """;
        await using var db = portal.NewDbContext();
        var counted = await db.Database.SqlQueryRaw<Counted>(sql, new Npgsql.NpgsqlParameter("today", today),
            new Npgsql.NpgsqlParameter("from", from ?? 1), new Npgsql.NpgsqlParameter("to", to ?? 9999)).ToListAsync();
        return counted
            .Select(c => new Row(c.Group, c.Year, c.Placed, c.Completed, c.Ended,
                c.Ended == 0 ? "" : (100m * c.EndedCompleted / c.Ended).ToString("0.0", CultureInfo.InvariantCulture),
                c.Evaluations, Text(c.Attendance), Text(c.ClinicalKnowledge), Text(c.ResearchSkills), Text(c.Communication), Text(c.Teamwork),
                Text(c.Average), Text(c.Recommending, "0.0"), c.Reports, c.Outputs))
            .OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Placed)
            .ToList();
    }

    /// <summary>The rows of the breakdown's three tables on the page, in the same order as <see cref="ExpectedAsync"/>.</summary>
    public static List<Row> Shown(IHtmlDocument page, ReportBreakdown breakdown)
    {
        var section = page.QuerySelector($"#report-{breakdown.ToString().ToLowerInvariant()}");
        if (section is null)
            return [];
        List<List<string>> Cells(string table) => section.QuerySelectorAll($"table.{table} tbody tr").Select(tr =>
        {
            var cells = tr.Children.Select(c => c.TextContent.Trim()).Select(c => c == "—" ? "" : c.TrimEnd('%', ' ')).ToList();
            if (breakdown == ReportBreakdown.Year)
                cells.Insert(0, "");
            else
                cells.Insert(1, "0"); // a group's row adds up the years shown
            return cells;
        }).ToList();
        var placed = Cells("report-placed");
        var scores = Cells("report-scores");
        var outputs = Cells("report-outputs");
        Assert.Equal(placed.Count, scores.Count);
        Assert.Equal(placed.Count, outputs.Count);
        return placed.Select((p, i) =>
        {
            var (s, o) = (scores[i], outputs[i]);
            Assert.Equal((p[0], p[1]), (s[0], s[1]));
            Assert.Equal((p[0], p[1], p[2]), (o[0], o[1], o[2]));
            return new Row(p[0], int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]), p[5],
                int.Parse(s[2]), s[3], s[4], s[5], s[6], s[7], s[8], s[9], int.Parse(o[3]), int.Parse(o[4]));
        }).OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Placed).ToList();
    }

    public static List<Line> FromCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, null);
        Assert.Equal(["Breakdown", "Group", "Year", "Placed", "Completed", "StaysEnded", "CompletionRatePercent", "Evaluations",
            "AverageAttendance", "AverageClinicalKnowledge", "AverageResearchSkills", "AverageCommunication", "AverageTeamwork",
            "AverageScore", "RecommendingPercent", "ReportsFiled", "OutputsListed"], reader.Headers.ToList());
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

    private static string Text(decimal? figure, string format = "0.00") =>
        figure?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static Line LineOf(Func<string, string> cell)
    {
        string Figure(string header, string format = "0.00")
        {
            var text = cell(header);
            return text.Length == 0 ? "" : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture);
        }
        return new Line(cell("Breakdown"), new Row(cell("Group"), int.Parse(cell("Year")), int.Parse(cell("Placed")), int.Parse(cell("Completed")),
            int.Parse(cell("StaysEnded")), Figure("CompletionRatePercent", "0.0"), int.Parse(cell("Evaluations")), Figure("AverageAttendance"),
            Figure("AverageClinicalKnowledge"), Figure("AverageResearchSkills"), Figure("AverageCommunication"), Figure("AverageTeamwork"),
            Figure("AverageScore"), Figure("RecommendingPercent", "0.0"), int.Parse(cell("ReportsFiled")), int.Parse(cell("OutputsListed"))));
    }

    private static List<Line> Ordered(List<Line> lines) =>
        lines.OrderBy(l => l.Row.Group, StringComparer.Ordinal).ThenBy(l => l.Row.Year).ThenBy(l => l.Row.Placed).ToList();
}
