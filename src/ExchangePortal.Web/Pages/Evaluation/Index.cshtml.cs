using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Stays;
using ExchangePortal.Web.Pages.Applicant.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Evaluation;

/// <summary>The supervisor's evaluation behind the emailed link (no account); a used, expired or unknown link is not found.</summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class IndexModel(SupervisorEvaluations evaluations) : PageModel
{
    public EvaluationSubject Subject { get; private set; } = null!;
    public EvaluationInput Evaluation { get; set; } = new();

    public Task<IActionResult> OnGetAsync([StringLength(100)] string token, CancellationToken ct) => ShowAsync(token, ct);

    public Task<IActionResult> OnPostAsync([StringLength(100)] string token, EvaluationInput evaluation, CancellationToken ct) =>
        this.DecideAsync(() => evaluations.SubmitAsync(token, evaluation.ToAnswers(ReportModel.UiLanguage), ct),
            "Thank you: your evaluation has been received.", () => ShowAsync(token, ct), null, "/Evaluation/Thanks");

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        var subject = await evaluations.FindAsync(token, ct);
        if (subject is null)
            return NotFound();
        Subject = subject;
        return Page();
    }
}
