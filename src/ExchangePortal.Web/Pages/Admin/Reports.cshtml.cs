using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>Doctors placed and completed across years, each breakdown as a chart, a table and a CSV or Excel file.</summary>
public class ReportsModel(AdminReports reports) : PageModel
{
    public ReportYears Years { get; private set; } = new();

    /// <summary>Null when the years asked for are refused (the page then shows why, with a 400).</summary>
    public ProgrammeReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(ReportYears years, CancellationToken ct)
    {
        Years = years;
        if (!ModelState.IsValid)
            return Refused();
        Report = await reports.GetAsync(years.From, years.To, ct);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(ReportYears years, ReportBreakdown breakdown, CancellationToken ct) =>
        ExportAsync(years, breakdown, "CSV", ct);

    public Task<IActionResult> OnGetExcelAsync(ReportYears years, ReportBreakdown breakdown, CancellationToken ct) =>
        ExportAsync(years, breakdown, "Excel", ct);

    private async Task<IActionResult> ExportAsync(ReportYears years, ReportBreakdown breakdown, string format, CancellationToken ct)
    {
        Years = years;
        if (!ModelState.IsValid)
            return Refused();
        var rows = await reports.ExportAsync(years.From, years.To, breakdown, format, User.UserId(), ct);
        var lines = rows.Select(ReportLine.Of).ToAsyncEnumerable();
        var name = ReportLine.FileName(breakdown, years.From, years.To);
        return format == "CSV" ? await this.CsvAsync(name, lines, ct) : await this.ExcelAsync(name, lines, ct);
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
