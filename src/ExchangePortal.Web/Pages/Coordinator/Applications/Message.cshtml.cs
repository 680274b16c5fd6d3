using ExchangePortal.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

/// <summary>One message to a selection of applications (<c>?ids=12&amp;ids=15</c>, from the review queue): who will receive it,
/// then each application written to through the path of a single message; those it may not go to are skipped with the reason.</summary>
public class MessageModel(CoordinatorMessages messages) : PageModel
{
    public SelectionPreview Preview { get; private set; } = new([], null);

    /// <summary>The selection, carried by the form as hidden fields.</summary>
    public int[] Ids { get; private set; } = [];

    public MessageInput Message { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    /// <summary>What the last send did: the applications it went to and those skipped with their reason, one per line.</summary>
    [TempData] public string? Outcome { get; set; }

    public Task<IActionResult> OnGetAsync(int[] ids, CancellationToken ct) => ShowAsync(ids, ct);

    public Task<IActionResult> OnPostAsync(int[] ids, MessageInput message, CancellationToken ct) =>
        this.DecideAsync(async () =>
        {
            Outcome = Describe(await messages.SendToSelectionAsync(ids, message.Text, User.UserId(), ct));
            return true;
        }, "Message sent.", () => ShowAsync(ids, ct));

    private async Task<IActionResult> ShowAsync(int[] ids, CancellationToken ct)
    {
        Ids = ids;
        Preview = await messages.PreviewAsync(ids, User.UserId(), ct);
        return Page();
    }

    private static string Describe(SelectionMessageResult result) => string.Join("\n",
        [$"Sent to {result.Sent.Count} application{(result.Sent.Count == 1 ? "" : "s")}; {result.Skipped.Count} skipped.",
            .. result.Skipped.Take(CoordinatorMessages.MaxReasonsShown).Select(r => $"#{r.Id} {r.Applicant}: {r.Skipped}"),
            .. result.Skipped.Count > CoordinatorMessages.MaxReasonsShown ? [$"… and {result.Skipped.Count - CoordinatorMessages.MaxReasonsShown} more."] : Array.Empty<string>()]);
}
