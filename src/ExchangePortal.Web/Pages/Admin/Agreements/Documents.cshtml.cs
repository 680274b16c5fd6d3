using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[EnableRateLimiting(RateLimits.FormPosts)]
public class DocumentsModel(AgreementOverview overview, AgreementAdministration administration, IStringLocalizer<SharedResource> l) : PageModel
{
    public AgreementView Agreement { get; private set; } = null!;

    [Display(Name = "PDF file, 10 MB at most")]
    public IFormFile? Document { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public async Task<IActionResult> OnGetFileAsync(int id, Guid documentId, CancellationToken ct) =>
        this.Download(await administration.OpenDocumentAsync(id, documentId, User.UserId(), ct));

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? document, CancellationToken ct)
    {
        if (document is null || document.Length == 0)
            ModelState.AddModelError(string.Empty, l["Choose the signed agreement's PDF file."]);
        else if (document.Length > StoredDocument.MaxBytes)
            ModelState.AddModelError(string.Empty, l["The file is larger than 10 MB."]);
        if (!ModelState.IsValid)
            return await ShowAsync(id, ct);
        using var buffer = new MemoryStream();
        await document!.CopyToAsync(buffer, ct);
        return await this.DecideAsync(() => administration.UploadSignedAsync(id, document.FileName, buffer.ToArray(), User.UserId(), ct),
            "Signed agreement uploaded.", () => ShowAsync(id, ct), new { id });
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var agreement = await overview.GetAsync(id, User.UserId(), ct);
        if (agreement is null)
            return NotFound();
        Agreement = agreement;
        return Page();
    }
}
