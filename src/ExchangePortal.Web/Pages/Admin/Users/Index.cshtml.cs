using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Users;

public class IndexModel(UserAdministration administration) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(100)]
    [Display(Name = "Search by email or name")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int P { get; set; } = 1;

    public UserPage Users { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Users = await administration.ListAsync(ModelState.IsValid ? Q : null, P, ct);
}
