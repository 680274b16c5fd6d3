using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Verify;

/// <summary>Whether a certificate of completion is genuine, for anyone holding its code; an unknown code is not found.</summary>
[EnableRateLimiting(RateLimits.CodeChecks)]
public class IndexModel(StayCertificates certificates) : PageModel
{
    public CertificateCheck Certificate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([StringLength(40)] string code, CancellationToken ct)
    {
        if (await certificates.VerifyAsync(code, ct) is not { } certificate)
            return NotFound();
        Certificate = certificate;
        return Page();
    }
}
