using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>A new password chosen from an emailed link; the link's account and code travel with the form.</summary>
public class PasswordInput
{
    public string? UserId { get; set; }

    public string? Code { get; set; }

    [Required(ErrorMessage = "Please choose a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "The password must be at least 12 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password (12 characters or more)")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Please type the password again.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";
}
