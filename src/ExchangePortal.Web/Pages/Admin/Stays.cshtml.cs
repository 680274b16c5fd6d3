using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

public class StaysModel(AdminStays stays) : PageModel
{
    public IReadOnlyList<StayRow> Stays { get; private set; } = [];

    // The cancel form of every row, bound by the handler's parameter of the same name.
    public CancelInput Cancel { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public class CancelInput
    {
        [Required(ErrorMessage = "Please give the reason for cancelling; the doctor reads it.")]
        [StringLength(4000, ErrorMessage = "Keep the reason under 4,000 characters.")]
        public string Reason { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Stays = await stays.ListAsync(ct);

    public Task<IActionResult> OnPostCancelAsync(int id, uint version, CancelInput cancel, CancellationToken ct) =>
        this.DecideAsync(() => stays.CancelAsync(id, version, cancel.Reason, User.UserId(), ct),
            "The stay was cancelled and its seat offered to the waitlist.", async () =>
            {
                await OnGetAsync(ct);
                return Page();
            });
}
