using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Pages;

/// <summary>Who is invited: the address the invitation goes to and the name the account shows.</summary>
public class InviteeInput
{
    [Required(ErrorMessage = "Please enter the person's email address.")]
    [EmailAddress(ErrorMessage = "Please enter a valid email address.")]
    [StringLength(256)]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Please enter the person's full name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    [Display(Name = "Full name")]
    public string Name { get; set; } = "";
}
