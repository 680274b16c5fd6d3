using ExchangePortal.Core.Doctors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class ProfileModel(ApplicantProfiles profiles) : PageModel
{
    public ProfileInput Input { get; private set; } = new();

    public ProfileView Profile { get; private set; } = null!;

    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await ShowAsync(ct);
        if (result is PageResult)
            Input = ProfileInput.From(Profile.Draft);
        return result;
    }

    public Task<IActionResult> OnPostAsync(ProfileInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => profiles.SaveAsync(User.UserId(), input.ToDraft(), ct), "Your profile has been saved.", () => ShowAsync(ct));
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(User.UserId(), ct);
        if (profile is null)
            return NotFound();
        Profile = profile;
        return Page();
    }
}
