using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Account;

/// <summary>Any signed-in person asks for the erasure of their data, follows the request, and cancels it while it waits.</summary>
public class ErasureModel(AccountErasure erasure) : PageModel
{
    public IReadOnlyList<OwnErasureRequest> Requests { get; private set; } = [];

    public bool HasPending => Requests.Any(r => r.Status == ErasureStatus.Pending);

    // The request form, bound by the handler's parameter of the same name.
    public ErasureInput Input { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public class ErasureInput
    {
        [Display(Name = "Why do you ask (optional)")]
        [StringLength(ErasureRequest.MaxReasonLength, ErrorMessage = "Keep the reason under 2,000 characters.")]
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Requests = await erasure.ListAsync(User.UserId(), ct);

    public Task<IActionResult> OnPostRequestAsync(ErasureInput input, CancellationToken ct) =>
        this.DecideAsync(() => erasure.RequestAsync(User.UserId(), input.Reason, ct),
            "Your erasure request was sent to the programme office.", ShowAsync(ct));

    public Task<IActionResult> OnPostCancelAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => erasure.CancelAsync(id, version, User.UserId(), ct), "Your erasure request was cancelled.", ShowAsync(ct));

    private Func<Task<IActionResult>> ShowAsync(CancellationToken ct) => async () =>
    {
        await OnGetAsync(ct);
        return Page();
    };
}
