using System.ComponentModel.DataAnnotations;
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
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<HospitalOption> Hospitals { get; private set; } = [];

    public class InputModel
    {
        [Required(ErrorMessage = "Please enter your full name.")]
        [StringLength(200, ErrorMessage = "Your name can be at most 200 characters long.")]
        [Display(Name = "Full name")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Please enter your email address.")]
        [EmailAddress(ErrorMessage = "Please enter a valid email address.")]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Please choose your hospital.")]
        [Display(Name = "Your hospital")]
        public int? HospitalId { get; set; }

        [Required(ErrorMessage = "Please choose a password.")]
        [StringLength(128, MinimumLength = 12, ErrorMessage = "The password must be at least 12 characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password (12 characters or more)")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Please type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";

        [Display(Name = "I have read and agree to the privacy notice")]
        public bool AcceptPrivacyNotice { get; set; }
    }

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
