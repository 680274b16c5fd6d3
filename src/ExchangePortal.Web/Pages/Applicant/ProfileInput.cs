using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Doctors;

namespace ExchangePortal.Web.Pages.Applicant;

/// <summary>The profile form: shape rules here, business rules in VisitingDoctor.</summary>
public class ProfileInput
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

    public static ProfileInput From(ProfileDraft d) => new()
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

    public ProfileDraft ToDraft() => new(FullName, ChineseName, Title, Department, Specialty, YearsOfPractice, LicenceNumber, Phone,
        Languages ?? "", Bio ?? "");
}
