using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Pages.Verify;

/// <summary>A verification code as typed on /Verify (dashes, spaces and case do not matter).</summary>
public class VerifyInput
{
    [Required(ErrorMessage = "Enter the verification code printed on the certificate.")]
    [StringLength(40, ErrorMessage = IndexModel.MalformedCode)]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }
}
