using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class MilestoneModel(AgreementOverview overview, MilestoneAdministration milestones) : PageModel
{
    /// <summary>The milestone as saved: its agreement, source, status, history, and the lists to choose from.</summary>
    public MilestoneEditor Saved { get; private set; } = null!;

    /// <summary>The form's values: the milestone's, or what was posted when the change was refused.</summary>
    public MilestoneInput Milestone { get; private set; } = new();

    /// <summary>The version the form was filled from, kept across a refused post so that a stale form stays stale.</summary>
    public uint Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int milestoneId, CancellationToken ct)
    {
        var result = await ShowAsync(id, milestoneId, ct);
        if (result is PageResult)
            (Milestone, Version) = (MilestoneInput.From(Saved), Saved.Version);
        return result;
    }

    public Task<IActionResult> OnPostAsync(int id, int milestoneId, MilestoneInput milestone, uint version, CancellationToken ct)
    {
        (Milestone, Version) = (milestone, version);
        return this.DecideAsync(() => milestones.EditAsync(id, milestoneId, milestone.ToNew(), version, User.UserId(), ct),
            "Milestone saved.", () => ShowAsync(id, milestoneId, ct), new { id }, "Details");
    }

    public Task<IActionResult> OnPostDeleteAsync(int id, int milestoneId, uint version, CancellationToken ct)
    {
        Version = version;
        return this.DecideAsync(() => milestones.DeleteAsync(id, milestoneId, version, User.UserId(), ct),
            "Milestone deleted.", () => ShowWithSavedValuesAsync(id, milestoneId, ct), new { id }, "Details");
    }

    private async Task<IActionResult> ShowWithSavedValuesAsync(int id, int milestoneId, CancellationToken ct)
    {
        var result = await ShowAsync(id, milestoneId, ct);
        if (result is PageResult)
            Milestone = MilestoneInput.From(Saved);
        return result;
    }

    private async Task<IActionResult> ShowAsync(int id, int milestoneId, CancellationToken ct)
    {
        Saved = (await overview.GetMilestoneAsync(id, milestoneId, ct))!;
        return Saved is null ? NotFound() : Page();
    }
}
