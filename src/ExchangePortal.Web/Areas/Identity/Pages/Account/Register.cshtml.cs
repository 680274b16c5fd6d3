using ExchangePortal.Core;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class RegisterModel(Registration registration, SignInManager<PortalUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public IReadOnlyList<Option<int>> Hospitals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Hospitals = await registration.ListHospitalsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Hospitals = await registration.ListHospitalsAsync(ct);
        if (!Input.AcceptPrivacyNotice)
            ModelState.AddModelError("Input.AcceptPrivacyNotice", l["Please agree to the privacy notice to register."]);
        if (!ModelState.IsValid)
            return Page();
        var (user, errors) = await registration.RegisterApplicantAsync(
            Input.Email, Input.FullName, Input.HospitalId!.Value, Input.Password, Input.AcceptPrivacyNotice, ct);
        if (user is null)
        {
            foreach (var error in errors)
                ModelState.AddModelError(string.Empty, l[error]);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/Applicant");
    }
}
