using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Calendar;

public class IndexModel(CalendarFeed feed) : PageModel
{
    public bool HasFeed { get; private set; }

    /// <summary>The new feed's address; set only in the answer to the post that made it.</summary>
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => HasFeed = await feed.HasFeedAsync(User.UserId(), ct);

    // The page is rendered from the post, not redirected: the secret is shown once and kept nowhere, not even in TempData.
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var token = await feed.RegenerateTokenAsync(User.UserId(), ct);
        FeedUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/calendar/{token}.ics";
        HasFeed = true;
        return Page();
    }
}
