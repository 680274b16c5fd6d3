using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Verify;

/// <summary>
/// Whether a certificate of completion is genuine, for anyone holding its code: /Verify asks for the code and sends it on to
/// /Verify/{code}; a malformed or unknown code gets a message (and a 400 or a 404), never the certificate of another.
/// </summary>
[EnableRateLimiting(RateLimits.CodeChecks)]
public class IndexModel(StayCertificates certificates) : PageModel
{
    public VerifyInput Input { get; private set; } = new();

    public CertificateCheck? Certificate { get; private set; }

    public const string UnknownCode = "No certificate has this verification code. Check the code printed on the certificate and try again.";
    public const string MalformedCode = "A verification code has 16 letters and digits, such as ABCD-EFGH-JKMN-PQRS.";

    /// <summary>Why the code given shows no certificate (an English resx key), shown above the form; null otherwise.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([StringLength(40)] string? code, VerifyInput input, CancellationToken ct)
    {
        if (code is null)
            return Ask(input);
        Certificate = ModelState.IsValid ? await certificates.VerifyAsync(code, ct) : null; // longer than any code: unknown
        if (Certificate is not null)
            return Page();
        ModelState.Clear();
        Problem = UnknownCode;
        Input = new VerifyInput { Code = code.Length <= 40 ? code : null };
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private IActionResult Ask(VerifyInput input)
    {
        Input = input;
        if (Request.Query.Count == 0)
        {
            ModelState.Clear();
            return Page();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (StayCertificates.Normalize(input.Code) is { } normalized)
            return RedirectToPage("/Verify/Index", new { code = normalized });
        Problem = MalformedCode;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
