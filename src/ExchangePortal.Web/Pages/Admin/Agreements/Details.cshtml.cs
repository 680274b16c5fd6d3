using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[EvictsPublicPages]
public class DetailsModel(AgreementOffice office, AgreementAdministration administration, MilestoneDesk desk,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public AgreementView Agreement { get; private set; } = null!;

    /// <summary>The edit form's values: the agreement's, or what was posted when the edit was refused.</summary>
    public AgreementInput EditForm { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostEditAsync(int id, AgreementInput agreement, CancellationToken ct)
    {
        EditForm = agreement;
        return DecideAsync(id, () => administration.UpdateAsync(id, agreement.ToEdit(), agreement.Version, User.UserId(), ct),
            "Agreement saved.", ct);
    }

    public Task<IActionResult> OnPostAddAsync(int id, MilestoneInput milestone, CancellationToken ct) =>
        DecideAsync(id, () => desk.AddAsync(id, milestone.ToNew(), User.UserId(), ct), "Milestone added.", ct);

    public Task<IActionResult> OnPostChangeAsync(int id, int milestoneId, MilestoneAction change, string? note, CancellationToken ct) =>
        DecideAsync(id, () => desk.ChangeAsync(id, milestoneId, change, note, User.UserId(), ct), "Milestone updated.", ct);

    public Task<IActionResult> OnPostTargetAsync(int id, int milestoneId, TargetInput target, CancellationToken ct) =>
        DecideAsync(id, () => desk.SetTargetAsync(id, milestoneId, target.ToTarget(), User.UserId(), ct),
            target.Measure is null ? "Target cleared." : "Target set.", ct);

    public Task<IActionResult> OnPostFollowAsync(int id, int milestoneId, bool follow, CancellationToken ct) =>
        DecideAsync(id, () => desk.FollowAsync(id, milestoneId, User.UserId(), follow, ct),
            follow ? "You follow this milestone." : "You no longer follow this milestone.", ct);

    private Task<IActionResult> DecideAsync(int id, Func<Task<bool>> change, string done, CancellationToken ct) =>
        this.DecideAsync(async () =>
        {
            if (!await change())
                throw new DomainException("There is no such agreement or milestone.");
        }, done, () => ShowAsync(id, ct), new { id }, line => l[line]);

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var agreement = await office.GetAsync(id, User.UserId(), ct);
        if (agreement is null)
            return NotFound();
        Agreement = agreement;
        EditForm ??= AgreementInput.From(agreement);
        return Page();
    }
}
