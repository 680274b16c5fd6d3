using System.Globalization;
using CsvHelper;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

public class ExportsModel(ExportQueries exports) : PageModel
{
    public IReadOnlyList<Option> Cohorts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cohorts = await exports.CohortsAsync(ct);

    public Task<IActionResult> OnGetApplicationsAsync(int? cohort, ApplicationStatus? status, CancellationToken ct) =>
        CsvAsync("applications.csv", exports.Applications(cohort, status).Select(ApplicationLine.Of), ct);

    public Task<IActionResult> OnGetMilestonesAsync(CancellationToken ct) =>
        CsvAsync("milestones.csv", exports.Milestones().Select(MilestoneLine.Of), ct);

    // Written row by row to the response; text that a spreadsheet would run as a formula is escaped.
    private async Task<IActionResult> CsvAsync<T>(string fileName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(Response.Body, options, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, ct);
        await csv.FlushAsync(ct);
        return new EmptyResult();
    }
}

[CsvRecord]
public sealed partial record ApplicationLine(int Application, string Cohort, string Doctor, string Hospital, string Specialty,
    string Status, string Submitted, string FirstChoice, string PlacedIn)
{
    public static ApplicationLine Of(ApplicationExportRow r) => new(r.Application, r.Cohort, r.Doctor, r.Hospital, r.Specialty,
        r.Status.ToString(), r.SubmittedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", r.FirstChoice ?? "", r.PlacedIn ?? "");
}

[CsvRecord]
public sealed partial record MilestoneLine(int Milestone, string Agreement, string Title, string Area, string DueOn, string Status,
    string CompletedOn, string Owner, string EvidenceNote)
{
    public static MilestoneLine Of(MilestoneExportRow r) => new(r.Milestone, r.Agreement, r.Title, r.Area ?? "",
        r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status,
        r.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Owner ?? "", r.EvidenceNote ?? "");
}
