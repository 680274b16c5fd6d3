using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Users;

public class EditModel(UserAdministration administration, Invitations invitations) : PageModel
{
    public UserEditor Editor { get; private set; } = null!;

    public RolesInput Input { get; private set; } = new();

    /// <summary>Identity's usual key length: an id longer than this names no account.</summary>
    public const int UserIdLength = 450;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync([StringLength(UserIdLength)] string id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return NotFound();
        var result = await ShowAsync(id, ct);
        if (result is PageResult)
            Input = RolesInput.From(Editor);
        return result;
    }

    public Task<IActionResult> OnPostRolesAsync([StringLength(UserIdLength)] string id, RolesInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => administration.SetRolesAsync(id, input.Selected, input.HospitalId, User.UserId(), ct),
            "Roles saved; they apply from the user's next request.", () => ShowAsync(id, ct), new { id });
    }

    public Task<IActionResult> OnPostLockAsync([StringLength(UserIdLength)] string id, bool locked, CancellationToken ct) =>
        this.DecideAsync(() => administration.SetLockedAsync(id, locked, User.UserId(), ct),
            locked ? "Account locked; the user is signed out." : "Account unlocked.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostResetTwoFactorAsync([StringLength(UserIdLength)] string id, CancellationToken ct) =>
        this.DecideAsync(() => administration.ResetTwoFactorAsync(id, User.UserId(), ct),
            "Two-factor sign-in reset; the user is signed out and sets it up again at the next sign-in.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostResendAsync([StringLength(UserIdLength)] string id, CancellationToken ct) =>
        this.DecideAsync(() => invitations.ResendAsync(id, User.UserId(), ct),
            "The invitation is on its way again; the earlier link no longer works.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(string id, CancellationToken ct)
    {
        var editor = await administration.GetAsync(id, ct);
        if (editor is null)
            return NotFound();
        Editor = editor;
        return Page();
    }
}
