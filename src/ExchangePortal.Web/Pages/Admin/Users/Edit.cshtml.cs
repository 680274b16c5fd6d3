using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Users;

public class EditModel(UserAdministration administration) : PageModel
{
    public UserEditor Editor { get; private set; } = null!;

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public int? HospitalId { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var result = await ShowAsync(id, ct);
        if (result is PageResult)
            (SelectedRoles, HospitalId) = (Editor.User.Roles, Editor.HospitalId);
        return result;
    }

    public Task<IActionResult> OnPostRolesAsync(string id, CancellationToken ct) =>
        this.DecideAsync(() => RequireAsync(administration.SetRolesAsync(id, SelectedRoles, HospitalId, User.UserId(), ct)),
            "Roles saved; they apply from the user's next request.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostLockAsync(string id, bool locked, CancellationToken ct) =>
        this.DecideAsync(() => RequireAsync(administration.SetLockedAsync(id, locked, User.UserId(), ct)),
            locked ? "Account locked; the user is signed out." : "Account unlocked.", () => ShowAsync(id, ct), new { id });

    private static async Task RequireAsync(Task<bool> found)
    {
        if (!await found)
            throw new Core.DomainException("There is no such user.");
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken ct)
    {
        var editor = await administration.GetAsync(id, ct);
        if (editor is null)
            return NotFound();
        Editor = editor;
        return Page();
    }
}
