using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

public class DetailsModel(ApplicantApplications applications, ApplicantDrafts drafts, StayOutcomes outcomes, ClearanceBoard clearance) : PageModel
{
    public MyApplicationDetails Application { get; private set; } = null!;
    public StayEnd? Stay { get; private set; }
    public IReadOnlyList<ClearanceItemState> Clearance { get; private set; } = [];

    // One property per form, bound by the handler's parameter of the same name.
    public ResubmitInput Resubmit { get; set; } = new();
    public WithdrawalInput Withdrawal { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostResubmitAsync(int id, uint version, ResubmitInput resubmit, CancellationToken ct) =>
        this.DecideAsync(() => applications.ResubmitAsync(id, version, resubmit.Plan, User.UserId(), ct),
            "Resubmitted: the university will review your changes.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostSubmitAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => drafts.SubmitAsync(id, version, User.UserId(), ct),
            "Your application has been submitted.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostAcceptAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => applications.AcceptOfferAsync(id, version, User.UserId(), ct),
            "You accepted the offer.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostDeclineAsync(int id, uint version, CancellationToken ct) =>
        this.DecideAsync(() => applications.DeclineOfferAsync(id, version, User.UserId(), ct),
            "You declined the offer.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostWithdrawAsync(int id, uint version, WithdrawalInput withdrawal, CancellationToken ct) =>
        this.DecideAsync(() => applications.WithdrawAsync(id, version, User.UserId(), ct),
            "Your application has been withdrawn.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await applications.GetAsync(id, User.UserId(), ct);
        if (details is null)
            return NotFound();
        // The stay's end and the papers before arrival are read only in the statuses that have them (a statement each).
        Application = details;
        Stay = StayOutcomes.HasStayEnd(details.Status) ? await outcomes.ForApplicantAsync(id, User.UserId(), ct) : null;
        Clearance = details.Allows(ApplicationAction.RenewDocuments) ? await clearance.ForApplicantAsync(id, User.UserId(), ct) : [];
        Resubmit = new() { Plan = details.Plan };
        return Page();
    }
}
