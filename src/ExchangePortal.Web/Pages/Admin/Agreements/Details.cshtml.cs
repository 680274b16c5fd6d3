using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class DetailsModel(AgreementOverview overview, MilestoneAdministration milestones) : PageModel
{
    public AgreementView Agreement { get; private set; } = null!;

    /// <summary>The "Add a milestone" form: empty, or what was posted when it was refused.</summary>
    public MilestoneInput Milestone { get; private set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAddAsync(int id, MilestoneInput milestone, CancellationToken ct)
    {
        Milestone = milestone;
        return this.DecideAsync(() => milestones.AddAsync(id, milestone.ToNew(), User.UserId(), ct), "Milestone added.", () => ShowAsync(id, ct), new { id });
    }

    public Task<IActionResult> OnPostRenewalAsync(int id, CancellationToken ct) =>
        this.DecideAsync(() => milestones.AddRenewalAsync(id, User.UserId(), ct), "Renewal milestone created.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostChangeAsync(int id, int milestoneId, MilestoneAction change,
        [StringLength(4000, ErrorMessage = "Keep the note under 4,000 characters.")] string? note, CancellationToken ct) =>
        this.DecideAsync(() => milestones.ChangeAsync(id, milestoneId, change, note, User.UserId(), ct), "Milestone updated.",
            () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostTargetAsync(int id, int milestoneId, TargetInput target, CancellationToken ct) =>
        this.DecideAsync(() => milestones.SetTargetAsync(id, milestoneId, target.ToTarget(), User.UserId(), ct),
            target.Measure is null ? "Target cleared." : "Target set.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostFollowAsync(int id, int milestoneId, bool follow, CancellationToken ct) =>
        this.DecideAsync(() => milestones.FollowAsync(id, milestoneId, User.UserId(), follow, ct),
            follow ? "You follow this milestone." : "You no longer follow this milestone.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var agreement = await overview.GetAsync(id, User.UserId(), ct);
        if (agreement is null)
            return NotFound();
        Agreement = agreement;
        return Page();
    }
}
