using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[EnableRateLimiting(RateLimits.FormPosts)]
public class DocumentsModel(ApplicantActions actions, ApplicationDrafts drafts, IStringLocalizer<SharedResource> l) : PageModel
{
    public MyApplicationDetails Application { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Choose what kind of document this is.")]
        [Display(Name = "Document")]
        public DocumentKind? Kind { get; set; }
        [Required(ErrorMessage = "Choose a file to upload.")]
        [Display(Name = "File (PDF, PNG or JPEG, 10 MB at most)")]
        public IFormFile? File { get; set; }
        [Display(Name = "Expires on (licence, passport, permit, insurance)")]
        public DateOnly? ExpiresOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetFileAsync(int id, Guid documentId, CancellationToken ct)
    {
        var file = await drafts.OpenDocumentAsync(id, documentId, User.UserId(), ct);
        return file is null ? NotFound() : File(file.Bytes, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, CancellationToken ct)
    {
        if (Input.File is { Length: > StoredDocument.MaxBytes })
            ModelState.AddModelError("Input.File", l["The file is larger than 10 MB."]);
        if (!ModelState.IsValid)
            return await ShowAsync(id, ct);
        using var buffer = new MemoryStream();
        await Input.File!.CopyToAsync(buffer, ct);
        return await ActAsync(id, () => drafts.UploadAsync(id, User.UserId(),
            new Upload(Input.Kind!.Value, Input.File.FileName, buffer.ToArray(), Input.ExpiresOn), ct), "Document uploaded.", ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, Guid documentId, CancellationToken ct)
    {
        ModelState.Clear();
        return await ActAsync(id, () => drafts.DeleteDocumentAsync(id, documentId, User.UserId(), ct), "Document deleted.", ct);
    }

    private Task<IActionResult> ActAsync(int id, Func<Task> act, string done, CancellationToken ct) =>
        this.DecideAsync(act, done, () => ShowAsync(id, ct), new { id }, line => l[line]);

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await actions.GetAsync(id, User.UserId(), ct);
        if (details is null)
            return NotFound();
        Application = details;
        return Page();
    }
}
