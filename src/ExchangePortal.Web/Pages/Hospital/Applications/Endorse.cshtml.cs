using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital.Applications;

public class EndorseModel(HospitalApplications applications, StayOutcomes outcomes) : PageModel
{
    public ReviewDetails Application { get; private set; } = null!;
    public StayEnd? Stay { get; private set; }

    // One property per form, bound by the handler's parameter of the same name.
    public EndorsementInput Endorsement { get; set; } = new();
    public DeclineInput Decline { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public class EndorsementInput
    {
        [StringLength(4000, ErrorMessage = "Keep the comment under 4,000 characters.")]
        [Display(Name = "Comment for the university (optional)")]
        public string? Comment { get; set; }
    }

    public class DeclineInput
    {
        [Required(ErrorMessage = "Please give the reason; the applicant reads it.")]
        [StringLength(4000, ErrorMessage = "Keep the reason under 4,000 characters.")]
        [Display(Name = "Reason for not endorsing (the applicant reads it)")]
        public string Reason { get; set; } = "";
    }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct, viewed: true);

    public async Task<IActionResult> OnGetDocumentAsync(int id, Guid documentId, CancellationToken ct) =>
        this.Download(await applications.OpenDocumentAsync(id, documentId, User.UserId(), ct));

    public Task<IActionResult> OnPostEndorseAsync(int id, uint version, EndorsementInput endorsement, CancellationToken ct) =>
        this.DecideAsync(() => applications.EndorseAsync(id, version, endorsement.Comment, User.UserId(), ct),
            "Endorsed: the university will now review it.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostDeclineAsync(int id, uint version, DeclineInput decline, CancellationToken ct) =>
        this.DecideAsync(() => applications.DeclineAsync(id, version, decline.Reason, User.UserId(), ct),
            "Endorsement declined; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct, bool viewed = false)
    {
        var details = await applications.GetAsync(id, User.UserId(), ct, viewed);
        if (details is null)
            return NotFound();
        (Application, Stay) = (details, StayOutcomes.HasStayEnd(details.Status) ? await outcomes.ForHospitalAsync(id, User.UserId(), ct) : null);
        return Page();
    }
}
