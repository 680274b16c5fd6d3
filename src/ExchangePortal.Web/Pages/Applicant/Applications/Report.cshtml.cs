using System.Globalization;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

/// <summary>The doctor's end-of-stay report form; completing the stay needs it.</summary>
public class ReportModel(ApplicantStayReports reports) : PageModel
{
    public StayReportForm Form { get; private set; } = null!;
    public StayReportInput Report { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, fill: true, ct);

    public Task<IActionResult> OnPostAsync(int id, uint version, StayReportInput report, CancellationToken ct) =>
        this.DecideAsync(() => reports.SaveAsync(id, version, report.ToAnswers(), User.UserId(), ct),
            "Your end-of-stay report has been saved.", () => ShowAsync(id, fill: false, ct), new { id }, "/Applicant/Applications/Details");

    /// <summary>The language the page is shown in, offered as the answers' language.</summary>
    public static AnswerLanguage UiLanguage =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? AnswerLanguage.SimplifiedChinese : AnswerLanguage.English;

    private async Task<IActionResult> ShowAsync(int id, bool fill, CancellationToken ct)
    {
        var form = await reports.GetAsync(id, User.UserId(), ct);
        if (form is null)
            return NotFound();
        Form = form;
        if (fill)
            Report = StayReportInput.From(form.Answers, UiLanguage);
        return Page();
    }
}
