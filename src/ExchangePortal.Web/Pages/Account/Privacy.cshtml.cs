using ExchangePortal.Core;
using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Account;

/// <summary>The person's own privacy page: consent history and withdrawal, download my data, who has seen my data.</summary>
[EnableRateLimiting(RateLimits.DataDownloads)]
public class PrivacyModel(AccountPrivacy privacy, Consents consents, PersonalDataExport export, ProgrammeClock clock) : PageModel
{
    public PrivacyOverview Overview { get; private set; } = null!;

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    /// <summary>The ZIP is built in a temporary file (deleted when sent), never whole in memory.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        if (!await export.WriteAsync(User.UserId(), file, ct))
        {
            await file.DisposeAsync();
            return NotFound();
        }
        file.Position = 0;
        return File(file, "application/zip", $"my-data-{clock.Today:yyyy-MM-dd}.zip");
    }

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) =>
        this.DecideAsync(() => consents.WithdrawAsync(User.UserId(), ct),
            "Your consent is withdrawn: the portal processes nothing new for you, and the programme office has been told.", () => ShowAsync(ct));

    public Task<IActionResult> OnPostConsentAsync(CancellationToken ct) =>
        this.DecideAsync(async () => await consents.AcceptAsync(User.UserId(), ct) && await this.RefreshSignInAsync(),
            "Thank you: your consent is recorded.", () => ShowAsync(ct));

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Overview = await privacy.GetAsync(User.UserId(), ct);
        return Page();
    }
}
