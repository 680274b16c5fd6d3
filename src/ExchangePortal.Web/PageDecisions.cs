using ExchangePortal.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web;

public static class PageDecisions
{
    /// <summary>
    /// Runs one state change for a page: invalid input or a refused change (DomainException, one message per line) shows
    /// the page again with the messages; a done change redirects back (Post/Redirect/Get) with a status message.
    /// </summary>
    public static async Task<IActionResult> DecideAsync(this PageModel page, Func<Task> decide, string done,
        Func<Task<IActionResult>> show, object? routeValues, Func<string, string>? translate = null)
    {
        if (!page.ModelState.IsValid)
            return await show();
        try
        {
            await decide();
        }
        catch (DomainException e)
        {
            foreach (var line in e.Message.Split('\n'))
                page.ModelState.AddModelError(string.Empty, translate?.Invoke(line) ?? line);
            return await show();
        }
        page.TempData["StatusMessage"] = done;
        return page.RedirectToPage(routeValues);
    }
}
