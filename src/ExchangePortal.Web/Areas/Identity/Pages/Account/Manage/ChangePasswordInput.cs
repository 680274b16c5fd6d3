using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

public class ChangePasswordInput
{
    [Required(ErrorMessage = "Please enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string OldPassword { get; set; } = "";

    [Required(ErrorMessage = "Please choose a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "The password must be at least 12 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password (12 characters or more)")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Please type the password again.")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";
}
