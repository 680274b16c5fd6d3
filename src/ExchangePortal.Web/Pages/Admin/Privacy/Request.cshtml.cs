using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Privacy;

/// <summary>One erasure request: carry it out (confirmed) or refuse it with a reason the person reads.</summary>
public class RequestModel(ErasureAdministration administration) : PageModel
{
    public ErasureRequestDetail Detail { get; private set; } = null!;

    // The two forms, each bound by the handler's parameter of the same name.
    public CarryOutInput CarryOut { get; set; } = new();
    public RefuseInput Refuse { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public class CarryOutInput
    {
        [Display(Name = "I understand that this erases the person's data and cannot be undone")]
        [Range(typeof(bool), "true", "true", ErrorMessage = "Please confirm that the person's data is to be erased.")]
        public bool Confirmed { get; set; }
    }

    public class RefuseInput
    {
        [Display(Name = "Reason for refusing")]
        [Required(ErrorMessage = "Please give the reason for refusing; the person reads it.")]
        [StringLength(ErasureRequest.MaxRefusalLength, ErrorMessage = "Keep the reason under 4,000 characters.")]
        public string Reason { get; set; } = "";
    }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct)();

    public Task<IActionResult> OnPostCarryOutAsync(int id, uint version, CarryOutInput carryOut, CancellationToken ct) =>
        this.DecideAsync(() => administration.CarryOutAsync(id, version, User.UserId(), ct),
            "The erasure was carried out.", ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostRefuseAsync(int id, uint version, RefuseInput refuse, CancellationToken ct) =>
        this.DecideAsync(() => administration.RefuseAsync(id, version, refuse.Reason, User.UserId(), ct),
            "The request was refused and the person told why.", ShowAsync(id, ct), new { id });

    private Func<Task<IActionResult>> ShowAsync(int id, CancellationToken ct) => async () =>
    {
        if (await administration.GetAsync(id, ct) is not { } detail)
            return NotFound();
        Detail = detail;
        return Page();
    };
}
