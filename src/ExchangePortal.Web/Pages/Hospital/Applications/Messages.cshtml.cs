using ExchangePortal.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Hospital.Applications;

/// <summary>The thread between the university and one of the hospital's own staff, read only.</summary>
public class MessagesModel(HospitalMessages messages) : PageModel
{
    public MessageThread Thread { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var thread = await messages.ThreadAsync(id, User.UserId(), ct);
        if (thread is null)
            return NotFound();
        Thread = thread;
        return Page();
    }
}
