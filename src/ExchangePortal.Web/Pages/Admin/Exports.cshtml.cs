using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin;

public class ExportsModel(AdminExports exports, CohortRoster rosters, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<Option<int>> Cohorts { get; private set; } = [];

    public string? Problem { get; private set; }

    public ApplicationsExport Applications { get; private set; } = new();

    public RosterExport Roster { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Cohorts = await exports.CohortsAsync(ct);

    // The forms send Applications.Cohort and Roster.Cohort; links and older bookmarks send cohort= and status=, bound alike.
    public async Task<IActionResult> OnGetApplicationsAsync(ApplicationsExport applications, CancellationToken ct) =>
        await RefuseAsync((Applications = applications).Cohort, cohortRequired: false, ct)
        ?? await this.CsvAsync("applications", (await exports.ApplicationsAsync(applications.Cohort, applications.Status, User.UserId(), "csv", ct)).Select(ApplicationLine.Of), ct);

    public async Task<IActionResult> OnGetApplicationsExcelAsync(ApplicationsExport applications, CancellationToken ct) =>
        await RefuseAsync((Applications = applications).Cohort, cohortRequired: false, ct)
        ?? await this.ExcelAsync("applications", (await exports.ApplicationsAsync(applications.Cohort, applications.Status, User.UserId(), "xlsx", ct)).Select(ApplicationLine.Of), ct);

    public async Task<IActionResult> OnGetMilestonesAsync(CancellationToken ct) =>
        await this.CsvAsync("milestones", (await exports.MilestonesAsync(User.UserId(), ct)).Select(MilestoneLine.Of), ct);

    public async Task<IActionResult> OnGetRosterAsync(RosterExport roster, CancellationToken ct) =>
        await RefuseAsync((Roster = roster).Cohort, cohortRequired: true, ct)
        ?? await this.CsvAsync(RosterLine.FileName(roster.Cohort!.Value, false), (await rosters.ExportAsync(roster.Cohort.Value, false, User.UserId(), "csv", ct)).Select(RosterLine.Of), ct);

    public async Task<IActionResult> OnGetRosterExcelAsync(RosterExport roster, CancellationToken ct) =>
        await RefuseAsync((Roster = roster).Cohort, cohortRequired: true, ct)
        ?? await this.ExcelAsync(RosterLine.FileName(roster.Cohort!.Value, false), (await rosters.ExportAsync(roster.Cohort.Value, false, User.UserId(), "xlsx", ct)).Select(RosterLine.Of), ct);

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
