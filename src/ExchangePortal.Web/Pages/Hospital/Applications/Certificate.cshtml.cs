using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital.Applications;

/// <summary>The certificate of completion of one of the coordinator's own hospital's staff (PDF); others are not found.</summary>
public class CertificateModel(StayCertificates certificates) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        this.Download(await certificates.OpenForHospitalAsync(id, User.UserId(), ct));
}
