using ExchangePortal.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

/// <summary>An application's thread with its applicant, and the university coordinators' internal notes.</summary>
public class MessagesModel(CoordinatorMessages messages) : PageModel
{
    public MessageThread Thread { get; private set; } = null!;

    // One property per form, bound by the handler's parameter of the same name.
    public MessageInput Message { get; set; } = new();
    public NoteInput Note { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostMessageAsync(int id, MessageInput message, CancellationToken ct) =>
        this.DecideAsync(() => messages.SendAsync(id, message.Text, User.UserId(), ct),
            "Message sent; the applicant has been emailed.", () => ShowAsync(id, ct), new { id });

    public Task<IActionResult> OnPostNoteAsync(int id, NoteInput note, CancellationToken ct) =>
        this.DecideAsync(() => messages.WriteNoteAsync(id, note.Text, User.UserId(), ct),
            "Note saved.", () => ShowAsync(id, ct), new { id });

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var thread = await messages.ThreadAsync(id, User.UserId(), ct);
        if (thread is null)
            return NotFound();
        Thread = thread;
        return Page();
    }
}
