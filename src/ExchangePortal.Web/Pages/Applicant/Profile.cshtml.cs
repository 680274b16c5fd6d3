using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Doctors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant;

public class ProfileModel(DoctorProfiles profiles) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ProfileView Profile { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Please enter your full name.")]
        [StringLength(200)]
        [Display(Name = "Full name (as in your passport)")]
        public string FullName { get; set; } = "";
        [StringLength(100)]
        [Display(Name = "Name in Chinese characters (optional)")]
        public string? ChineseName { get; set; }
        [Required(ErrorMessage = "Please enter your title.")]
        [StringLength(100)]
        [Display(Name = "Title (for example Attending Physician)")]
        public string Title { get; set; } = "";
        [Required(ErrorMessage = "Please enter your department.")]
        [StringLength(200)]
        [Display(Name = "Department")]
        public string Department { get; set; } = "";
        [Required(ErrorMessage = "Please enter your specialty.")]
        [StringLength(200)]
        [Display(Name = "Specialty")]
        public string Specialty { get; set; } = "";
        [Range(0, 70, ErrorMessage = "Years of practice must be between 0 and 70.")]
        [Display(Name = "Years of practice")]
        public int YearsOfPractice { get; set; }
        [Required(ErrorMessage = "Please enter your licence number.")]
        [StringLength(100)]
        [Display(Name = "Practising licence number")]
        public string LicenceNumber { get; set; } = "";
        [Required(ErrorMessage = "Please enter a phone number.")]
        [Phone(ErrorMessage = "Please enter a valid phone number.")]
        [StringLength(50)]
        [Display(Name = "Phone")]
        public string Phone { get; set; } = "";
        [StringLength(200)]
        [Display(Name = "Languages")]
        public string? Languages { get; set; }
        [StringLength(2000, ErrorMessage = "Keep the bio under 2,000 characters.")]
        [Display(Name = "Short bio")]
        public string? Bio { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        var d = Profile.Draft;
        Input = new InputModel
        {
            FullName = d.FullName,
            ChineseName = d.ChineseName,
            Title = d.Title,
            Department = d.Department,
            Specialty = d.Specialty,
            YearsOfPractice = d.YearsOfPractice,
            LicenceNumber = d.LicenceNumber,
            Phone = d.Phone,
            Languages = d.Languages,
            Bio = d.Bio,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var draft = new ProfileDraft(Input.FullName, Input.ChineseName, Input.Title, Input.Department, Input.Specialty,
                    Input.YearsOfPractice, Input.LicenceNumber, Input.Phone, Input.Languages ?? "", Input.Bio ?? "");
                if (!await profiles.SaveAsync(User.UserId(), draft, ct))
                    return NotFound();
                StatusMessage = "Your profile has been saved.";
                return RedirectToPage();
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var profile = await profiles.GetAsync(User.UserId(), ct);
        if (profile is null)
            return false;
        Profile = profile;
        return true;
    }
}
