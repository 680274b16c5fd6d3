using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

public class CodeInput
{
    [Required(ErrorMessage = "Please enter the code from your authenticator app.")]
    [StringLength(9, ErrorMessage = "The code has 6 digits.")]
    [Display(Name = "Authenticator code")]
    public string Code { get; set; } = "";
}

public class RecoveryCodeInput
{
    [Required(ErrorMessage = "Please enter one of your recovery codes.")]
    [StringLength(20, ErrorMessage = "A recovery code has 11 characters.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = "";
}

public class ReauthenticationInput
{
    [Required(ErrorMessage = "Please enter your password.")]
    [StringLength(128)]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [StringLength(9, ErrorMessage = "The code has 6 digits.")]
    [Display(Name = "Authenticator code")]
    public string? Code { get; set; }
}
