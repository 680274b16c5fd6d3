using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

/// <summary>The doctor's own certificate of completion (PDF); anyone else's is not found.</summary>
public class CertificateModel(StayCertificates certificates) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        this.Download(await certificates.OpenForApplicantAsync(id, User.UserId(), ct));
}
