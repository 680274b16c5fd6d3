using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Account;

/// <summary>The notice in force, shown before anything else until the person accepts or declines it (PrivacyNoticeGate).</summary>
public class NoticeModel(PrivacyNotice notice, NoticeRecipients recipients, Consents consents) : PageModel
{
    public NoticeText Text { get; private set; } = null!;

    /// <summary>What the page the person came from said (an invitee's "your password is set"), shown above the notice.</summary>
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>Whether the person has already decided on this version (they came back to read it).</summary>
    public bool Decided => User.FindFirst(PortalClaims.NoticeVersion)?.Value == notice.Current;

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        this.DecideAsync(async () => await consents.AcceptAsync(User.UserId(), ct) && await this.RefreshSignInAsync(),
            "Thank you: your consent is recorded.", async () => { await ShowAsync(ct); return Page(); }, pageName: this.HomePage());

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        this.DecideAsync(async () => await consents.DeclineAsync(User.UserId(), ct) && await this.RefreshSignInAsync(),
            "You declined the privacy notice: the portal processes nothing new for you, and the programme office has been told.",
            async () => { await ShowAsync(ct); return Page(); }, pageName: "/Account/Privacy");

    private async Task ShowAsync(CancellationToken ct) => Text = new(notice.Current, await recipients.ListAsync(ct));
}
