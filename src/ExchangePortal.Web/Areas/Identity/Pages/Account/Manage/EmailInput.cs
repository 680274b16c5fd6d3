using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account.Manage;

public class EmailInput
{
    [Required(ErrorMessage = "Please enter your email address.")]
    [EmailAddress(ErrorMessage = "Please enter a valid email address.")]
    [StringLength(256)]
    [Display(Name = "New email address")]
    public string Email { get; set; } = "";
}
