using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages;

public class PrivacyModel(PrivacyNotice notice, NoticeRecipients recipients) : PageModel
{
    public NoticeText Text { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Text = new(notice.Current, await recipients.ListAsync(ct));
}
