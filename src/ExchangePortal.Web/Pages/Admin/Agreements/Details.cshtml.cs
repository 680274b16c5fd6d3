using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

public class DetailsModel(AgreementOffice office) : PageModel
{
    public AgreementView Agreement { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public class MilestoneInput
    {
        [Required(ErrorMessage = "Give the milestone a title.")][StringLength(300)] public string Title { get; set; } = "";
        [Required(ErrorMessage = "Give the due date.")] public DateOnly? DueOn { get; set; }
        public int? AreaId { get; set; }
        public string? OwnerId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public Task<IActionResult> OnPostAddAsync(int id, MilestoneInput milestone, CancellationToken ct) =>
        this.DecideAsync(() => FoundAsync(office.AddMilestoneAsync(id, milestone.Title, milestone.DueOn!.Value, milestone.AreaId,
            string.IsNullOrEmpty(milestone.OwnerId) ? null : milestone.OwnerId, User.UserId(), ct)),
            "Milestone added.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostChangeAsync(int id, int milestoneId, MilestoneAction change, string? note, CancellationToken ct) =>
        this.DecideAsync(() => FoundAsync(office.ChangeMilestoneAsync(id, milestoneId, change, note, User.UserId(), ct)),
            "Milestone updated.", () => ShowAsync(id, ct), new { id });

    private static async Task FoundAsync(Task<bool> change)
    {
        if (!await change)
            throw new Core.DomainException("There is no such agreement or milestone.");
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var agreement = await office.GetAsync(id, ct);
        if (agreement is null)
            return NotFound();
        Agreement = agreement;
        return Page();
    }
}
