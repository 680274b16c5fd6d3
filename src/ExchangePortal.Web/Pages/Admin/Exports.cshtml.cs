using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

public class ExportsModel(ExportQueries exports, CohortRoster roster, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<Option> Cohorts { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Cohorts = await exports.CohortsAsync(ct);

    public async Task<IActionResult> OnGetApplicationsAsync(int? cohort, ApplicationStatus? status, CancellationToken ct) =>
        await RefuseAsync(cohort, cohortRequired: false, ct)
        ?? await this.CsvAsync("applications", exports.Applications(cohort, status).Select(ApplicationLine.Of), ct);

    public async Task<IActionResult> OnGetApplicationsExcelAsync(int? cohort, ApplicationStatus? status, CancellationToken ct) =>
        await RefuseAsync(cohort, cohortRequired: false, ct)
        ?? await this.ExcelAsync("applications", exports.Applications(cohort, status).Select(ApplicationLine.Of), ct);

    public Task<IActionResult> OnGetMilestonesAsync(CancellationToken ct) =>
        this.CsvAsync("milestones", exports.Milestones().Select(MilestoneLine.Of), ct);

    public async Task<IActionResult> OnGetRosterAsync(int? cohort, CancellationToken ct) =>
        await RefuseAsync(cohort, cohortRequired: true, ct)
        ?? await this.CsvAsync(RosterLine.FileName(cohort!.Value, false), roster.Stream(cohort.Value, arrivalsOnly: false).Select(RosterLine.Of), ct);

    public async Task<IActionResult> OnGetRosterExcelAsync(int? cohort, CancellationToken ct) =>
        await RefuseAsync(cohort, cohortRequired: true, ct)
        ?? await this.ExcelAsync(RosterLine.FileName(cohort!.Value, false), roster.Stream(cohort.Value, arrivalsOnly: false).Select(RosterLine.Of), ct);

    /// <summary>Parameters that do not name a cohort or a status from the lists get this page with a message (400), not a file.</summary>
    private async Task<IActionResult?> RefuseAsync(int? cohort, bool cohortRequired, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            Problem = "Choose a cohort and a status from the lists.";
        else if (cohort is null && cohortRequired)
            Problem = "Choose the cohort whose roster you want.";
        else if (cohort is { } id && !await exports.CohortExistsAsync(id, ct))
            Problem = "There is no such cohort.";
        if (Problem is null)
            return null;
        Problem = localizer[Problem];
        Cohorts = await exports.CohortsAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
