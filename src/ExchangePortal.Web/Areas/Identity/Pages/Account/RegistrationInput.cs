using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

public class RegistrationInput
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
