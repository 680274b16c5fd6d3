using System.Globalization;
using CsvHelper;
using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace ExchangePortal.Web.Pages.Coordinator.Roster;

public class IndexModel(CohortRoster roster) : PageModel
{
    public RosterView Roster { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cohortId, CancellationToken ct)
    {
        var view = await roster.GetAsync(cohortId, ct);
        if (view is null)
            return NotFound();
        Roster = view;
        return Page();
    }

    /// <summary>CSV written row by row straight to the response.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int cohortId, bool arrivals, CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cohort-{cohortId}-{(arrivals ? "arrivals" : "roster")}.csv\"";
        // Names typed by users must not run as spreadsheet formulas when the file is opened in Excel.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(Response.Body, options, leaveOpen: true);
        await csv.WriteRecordsAsync(roster.Stream(cohortId, arrivals).Select(RosterLine.Of), ct);
        await csv.FlushAsync(ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetExcelAsync(int cohortId, bool arrivals, CancellationToken ct)
    {
        var rows = await roster.Stream(cohortId, arrivals).Select(RosterLine.Of).ToListAsync(ct);
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, cancellationToken: ct);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"cohort-{cohortId}-{(arrivals ? "arrivals" : "roster")}.xlsx");
    }
}

/// <summary>One row of the roster as exported (CSV and Excel share the columns).</summary>
[CsvRecord]
public sealed partial record RosterLine(int Application, string Doctor, string Hospital, string Specialty, string Lab,
    string Supervisor, string From, string To, string Status, string Email)
{
    public static RosterLine Of(RosterRow r) => new(r.ApplicationId, r.Doctor, r.Hospital, r.Specialty, r.Lab, r.Supervisor,
        r.StartsOn.ToString("yyyy-MM-dd"), r.EndsOn.ToString("yyyy-MM-dd"), r.Status.ToString(), r.Email);
}
