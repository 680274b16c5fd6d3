using ExchangePortal.Core.Doctors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class ProfileModel(ApplicantProfiles profiles) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public ProfileView Profile { get; private set; } = null!;

    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await ShowAsync(ct);
        if (result is PageResult)
            Input = ProfileInput.From(Profile.Draft);
        return result;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        this.DecideAsync(() => profiles.SaveAsync(User.UserId(), Input.ToDraft(), ct), "Your profile has been saved.", () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(User.UserId(), ct);
        if (profile is null)
            return NotFound();
        Profile = profile;
        return Page();
    }
}
