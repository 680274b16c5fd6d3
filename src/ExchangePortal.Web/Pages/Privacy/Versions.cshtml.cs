using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Privacy;

/// <summary>Any published version of the notice, as it was: what a person accepted or declined.</summary>
public class VersionsModel(NoticeRecipients recipients) : PageModel
{
    public NoticeText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([StringLength(20)] string version, CancellationToken ct)
    {
        if (!PrivacyNotice.Exists(version))
            return NotFound();
        Text = new(version, await recipients.ListAsync(ct));
        return Page();
    }
}
