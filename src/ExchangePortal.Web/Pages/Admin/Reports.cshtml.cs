using ExchangePortal.Core.Data;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>
/// Doctors placed and completed across years, each breakdown as a chart, a table and a CSV or Excel file. Like the
/// dashboard's, the figures are the same for every administrator: the view keeps their HTML per years, language and saved
/// change for at most <see cref="IndexModel.FiguresLifetime"/>, so the one statement runs once per change, not per visit.
/// </summary>
public class ReportsModel(AdminReports reports, DataChanges changes) : PageModel
{
    public ReportYears Years { get; private set; } = new();

    /// <summary>False when the years asked for are refused (the page then shows why, with a 400).</summary>
    public bool Valid { get; private set; }

    public long DataVersion { get; } = changes.Version;

    public IActionResult OnGet(ReportYears years)
    {
        Years = years;
        Valid = ModelState.IsValid;
        return Valid ? Page() : Refused();
    }

    /// <summary>Read by the view only when the kept figures are out of date; not cancelled when this visitor leaves (see the dashboard's).</summary>
    public Task<ProgrammeReport> LoadAsync() => reports.GetAsync(Years.From, Years.To, CancellationToken.None);

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
