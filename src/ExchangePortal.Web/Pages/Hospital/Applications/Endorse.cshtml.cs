using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital.Applications;

public class EndorseModel(HospitalEndorsements endorsements) : PageModel
{
    public ReviewDetails Application { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public class DeclineInput
    {
        [Required(ErrorMessage = "Please give the reason; the applicant reads it.")]
        [StringLength(4000)]
        public string Reason { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetDocumentAsync(int id, Guid documentId, CancellationToken ct)
    {
        var file = await endorsements.OpenDocumentAsync(id, documentId, User.UserId(), ct);
        return file is null ? NotFound() : File(file.Bytes, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostEndorseAsync(int id, uint version, string? comment, CancellationToken ct) =>
        ActAsync(id, () => endorsements.EndorseAsync(id, version, comment, User.UserId(), ct), "Endorsed: the university will now review it.", ct);

    public Task<IActionResult> OnPostDeclineAsync(int id, uint version, DeclineInput decline, CancellationToken ct) =>
        ActAsync(id, () => endorsements.DeclineAsync(id, version, decline.Reason, User.UserId(), ct), "Endorsement declined; the applicant has been emailed.", ct);

    private Task<IActionResult> ActAsync(int id, Func<Task> act, string done, CancellationToken ct) =>
        this.DecideAsync(act, done, () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var details = await endorsements.GetAsync(id, User.UserId(), ct);
        if (details is null)
            return NotFound();
        Application = details;
        return Page();
    }
}
