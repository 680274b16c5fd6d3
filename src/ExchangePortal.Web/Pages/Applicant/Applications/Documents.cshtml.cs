using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Clearance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[EnableRateLimiting(RateLimits.FormPosts)]
public class DocumentsModel(ApplicantApplications applications, ApplicantDrafts drafts, ClearanceBoard clearance) : PageModel
{
    public MyApplicationDetails Application { get; private set; } = null!;
    public IReadOnlyList<ClearanceItemState> Clearance { get; private set; } = [];

    // Bound by the upload handler's parameter only, so deleting a document never checks the upload form.
    public UploadInput Input { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public async Task<IActionResult> OnGetFileAsync(int id, Guid documentId, CancellationToken ct) =>
        this.Download(await drafts.OpenDocumentAsync(id, documentId, User.UserId(), ct));

    public Task<IActionResult> OnPostUploadAsync(int id, UploadInput input, CancellationToken ct) =>
        this.DecideAsync(async () => await drafts.UploadAsync(id, User.UserId(), await input.ReadAsync(ct), ct),
            "Document uploaded.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostDeleteAsync(int id, Guid documentId, CancellationToken ct) =>
        this.DecideAsync(() => drafts.DeleteDocumentAsync(id, documentId, User.UserId(), ct), "Document deleted.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await applications.GetAsync(id, User.UserId(), ct);
        if (details is null)
            return NotFound();
        (Application, Clearance) = (details, await clearance.ForApplicantAsync(id, User.UserId(), ct));
        return Page();
    }
}
