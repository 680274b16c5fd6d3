using ExchangePortal.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

/// <summary>The applicant's thread with the university's exchange office on their own application.</summary>
[EnableRateLimiting(RateLimits.FormPosts)]
public class MessagesModel(ApplicantMessages messages) : PageModel
{
    public MessageThread Thread { get; private set; } = null!;

    public MessageInput Message { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAsync(int id, MessageInput message, CancellationToken ct) =>
        this.DecideAsync(() => messages.SendAsync(id, message.Text, User.UserId(), ct),
            "Your message has been sent to the exchange office.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var thread = await messages.ThreadAsync(id, User.UserId(), ct);
        if (thread is null)
            return NotFound();
        Thread = thread;
        return Page();
    }
}
