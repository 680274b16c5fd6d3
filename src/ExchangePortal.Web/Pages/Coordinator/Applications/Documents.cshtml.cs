using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

public class DocumentsModel(CoordinatorDocuments documents) : PageModel
{
    public DocumentChecklist Checklist { get; private set; } = null!;

    // Bound by the return handler's parameter only, so verifying never checks the reason.
    public ReturnInput Returning { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostVerifyAsync(int id, Guid documentId, uint version, CancellationToken ct) =>
        this.DecideAsync(() => documents.VerifyAsync(id, documentId, version, User.UserId(), ct), "Document verified.",
            () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostReturnAsync(int id, Guid documentId, uint version, ReturnInput returning, CancellationToken ct) =>
        this.DecideAsync(() => documents.ReturnAsync(id, documentId, version, returning.Reason, User.UserId(), ct),
            "Document returned; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var checklist = await documents.GetAsync(id, ct);
        if (checklist is null)
            return NotFound();
        Checklist = checklist;
        return Page();
    }
}

/// <summary>Why a document goes back to the applicant, in words they can act on.</summary>
public class ReturnInput
{
    [Required(ErrorMessage = "Please give a reason the applicant can act on.")]
    [StringLength(StoredDocument.MaxReturnReasonLength, ErrorMessage = "The reason is longer than 1000 characters.")]
    [Display(Name = "Reason for the applicant")]
    public string Reason { get; set; } = "";
}
