using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

public class StaysModel(StayList stays, ReviewService decisions) : PageModel
{
    public IReadOnlyList<StayRow> Stays { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public class CancelInput
    {
        [Required(ErrorMessage = "Please give the reason for cancelling; the doctor reads it.")]
        [StringLength(4000)]
        public string Reason { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Stays = await stays.ListAsync(ct);

    public async Task<IActionResult> OnPostCancelAsync(int id, uint version, CancelInput cancel, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await decisions.CancelAsync(id, version, cancel.Reason, User.UserId(), ct);
                StatusMessage = "The stay was cancelled and its seat offered to the waitlist.";
                return RedirectToPage();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        Stays = await stays.ListAsync(ct);
        return Page();
    }
}
