using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

public class ReviewModel(ApplicationReview review, ReviewService decisions, ProgrammeClock clock) : PageModel
{
    public ReviewDetails Application { get; private set; } = null!;

    public DateOnly Today => clock.Today;

    [TempData]
    public string? StatusMessage { get; set; }

    public class CommentInput
    {
        [Required(ErrorMessage = "Please write a comment for the applicant.")]
        [StringLength(4000, ErrorMessage = "Keep the comment under 4,000 characters.")]
        public string Text { get; set; } = "";
    }

    public class ApproveInput
    {
        [Required(ErrorMessage = "Choose the lab.")] public int? CohortLabId { get; set; }
        [Required(ErrorMessage = "Name the supervisor.")][StringLength(200)] public string Supervisor { get; set; } = "";
        [Required(ErrorMessage = "Give the start date.")] public DateOnly? StartsOn { get; set; }
        [Required(ErrorMessage = "Give the end date.")] public DateOnly? EndsOn { get; set; }
        [Required(ErrorMessage = "Give the date by which the applicant must answer.")] public DateOnly? RespondBy { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetDocumentAsync(int id, Guid documentId, bool download, CancellationToken ct)
    {
        var file = await review.OpenDocumentAsync(id, documentId, User.UserId(), ct);
        if (file is null)
            return NotFound();
        var inline = !download && file.ContentType is "application/pdf" or "image/png" or "image/jpeg";
        return inline ? File(file.Bytes, file.ContentType) : File(file.Bytes, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostStartReviewAsync(int id, uint version, CancellationToken ct) =>
        DecideAsync(id, () => decisions.StartReviewAsync(id, version, User.UserId(), ct), "Review started.", ct);

    public Task<IActionResult> OnPostRequestChangesAsync(int id, uint version, CommentInput changes, CancellationToken ct) =>
        DecideAsync(id, () => decisions.RequestChangesAsync(id, version, changes.Text, User.UserId(), ct), "Changes requested; the applicant has been emailed.", ct);

    public Task<IActionResult> OnPostRejectAsync(int id, uint version, CommentInput rejection, CancellationToken ct) =>
        DecideAsync(id, () => decisions.RejectAsync(id, version, rejection.Text, User.UserId(), ct), "Application rejected; the applicant has been emailed.", ct);

    public Task<IActionResult> OnPostApproveAsync(int id, uint version, ApproveInput approval, CancellationToken ct) =>
        DecideAsync(id, () => decisions.ApproveAsync(id, version, approval.CohortLabId!.Value, approval.Supervisor,
            approval.StartsOn!.Value, approval.EndsOn!.Value, approval.RespondBy!.Value, User.UserId(), ct), "Offer made; the applicant has been emailed.", ct);

    public Task<IActionResult> OnPostWaitlistAsync(int id, uint version, int waitlistLabId, CancellationToken ct) =>
        DecideAsync(id, () => decisions.WaitlistAsync(id, version, waitlistLabId, User.UserId(), ct), "Put on the waitlist.", ct);

    public Task<IActionResult> OnPostArrivedAsync(int id, uint version, CancellationToken ct) =>
        DecideAsync(id, () => decisions.MarkArrivedAsync(id, version, User.UserId(), ct), "Arrival recorded.", ct);

    public Task<IActionResult> OnPostCompleteAsync(int id, uint version, CancellationToken ct) =>
        DecideAsync(id, () => decisions.CompleteAsync(id, version, User.UserId(), ct), "Stay marked completed.", ct);

    private Task<IActionResult> DecideAsync(int id, Func<Task> decide, string done, CancellationToken ct) =>
        this.DecideAsync(decide, done, () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await review.GetAsync(id, ct);
        if (details is null)
            return NotFound();
        Application = details;
        return Page();
    }
}
