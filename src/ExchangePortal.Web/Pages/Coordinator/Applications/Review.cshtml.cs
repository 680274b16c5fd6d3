using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

public class ReviewModel(ApplicationReview review, StayOutcomes outcomes, CoordinatorApplications decisions, ProgrammeClock clock) : PageModel
{
    public ReviewDetails Application { get; private set; } = null!;
    public StayOutcome? Stay { get; private set; }
    // One property per form, bound by the handler's parameter of the same name, so one form's rules never fire on another's post.
    public CommentInput Changes { get; set; } = new();
    public CommentInput Rejection { get; set; } = new();
    public ApproveInput Approval { get; set; } = new();
    public WaitlistInput Waitlist { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct, viewed: true);

    public async Task<IActionResult> OnGetDocumentAsync(int id, Guid documentId, bool download, CancellationToken ct) =>
        this.Download(await review.OpenDocumentAsync(id, documentId, User.UserId(), ct: ct), inline: !download);

    public Task<IActionResult> OnPostStartReviewAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => decisions.StartReviewAsync(id, version, User.UserId(), ct), "Review started.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostRequestChangesAsync(int id, uint version, CommentInput changes, CancellationToken ct) =>
        this.DecideAsync(() => decisions.RequestChangesAsync(id, version, changes.Text, User.UserId(), ct),
            "Changes requested; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostRejectAsync(int id, uint version, CommentInput rejection, CancellationToken ct) =>
        this.DecideAsync(() => decisions.RejectAsync(id, version, rejection.Text, User.UserId(), ct),
            "Application rejected; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostApproveAsync(int id, uint version, ApproveInput approval, CancellationToken ct) =>
        this.DecideAsync(() => decisions.ApproveAsync(id, version, approval.CohortLabId!.Value, approval.Supervisor, approval.SupervisorEmail,
            approval.StartsOn!.Value, approval.EndsOn!.Value, approval.RespondBy!.Value, User.UserId(), ct),
            "Offer made; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostWaitlistAsync(int id, uint version, WaitlistInput waitlist, CancellationToken ct) =>
        this.DecideAsync(() => decisions.WaitlistAsync(id, version, waitlist.CohortLabId!.Value, User.UserId(), ct),
            "Put on the waitlist.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostArrivedAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => decisions.MarkArrivedAsync(id, version, User.UserId(), ct), "Arrival recorded.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostCompleteAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => decisions.CompleteAsync(id, version, User.UserId(), ct), "Stay marked completed.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct, bool viewed = false)
    {
        var details = await review.GetAsync(id, viewerId: viewed ? User.UserId() : null, ct: ct);
        if (details is null)
            return NotFound();
        (Application, Stay) = (details, details.Placement is null ? null : await outcomes.GetAsync(id, ct));
        Approval = new() { StartsOn = details.CohortStartsOn, EndsOn = details.CohortEndsOn, RespondBy = clock.Today.AddDays(14) };
        return Page();
    }
}
