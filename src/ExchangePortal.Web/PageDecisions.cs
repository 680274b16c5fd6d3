using ExchangePortal.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web;

/// <summary>
/// The one way a page carries out a change: a state-changing handler is one call of <c>DecideAsync</c>.
/// Invalid input shows the page again with its messages; a record that is not there in the user's scope (the Core write
/// returns false) is a 404; a refusal the user can act on (<see cref="DomainException"/>, one message per line) shows the
/// page again with the messages in the user's language; a done change redirects (Post/Redirect/Get) with a status message.
/// </summary>
public static class PageDecisions
{
    public const string StatusMessageKey = "StatusMessage";

    /// <param name="change">The Core write; false when its record is not there in the caller's scope.</param>
    /// <param name="done">The status message shown after the redirect, in English (the status partial translates it).</param>
    /// <param name="show">Shows the page again; the page itself when null.</param>
    /// <param name="routeValues">Where to redirect, with <paramref name="pageName"/>; the current page when both are null.</param>
    public static Task<IActionResult> DecideAsync(this PageModel page, Func<Task<bool>> change, string done,
        Func<Task<IActionResult>>? show = null, object? routeValues = null, string? pageName = null) =>
        RunAsync(page, async () => await change() ? page.RedirectToPage(pageName, routeValues) : null, done, show);

    /// <summary>The same for a change that creates (or starts) a record: the page redirects to <paramref name="pageName"/>
    /// with its id; a null id means what it belongs to is not there (404).</summary>
    public static Task<IActionResult> DecideAsync(this PageModel page, Func<Task<int?>> create, string done,
        Func<Task<IActionResult>>? show, string pageName) =>
        RunAsync(page, async () => await create() is { } id ? page.RedirectToPage(pageName, new { id }) : null, done, show);

    public static Task<IActionResult> DecideAsync(this PageModel page, Func<Task<int>> create, string done,
        Func<Task<IActionResult>>? show, string pageName) =>
        page.DecideAsync(async () => (int?)await create(), done, show, pageName);

    private static async Task<IActionResult> RunAsync(PageModel page, Func<Task<IActionResult?>> change, string done,
        Func<Task<IActionResult>>? show)
    {
        show ??= () => Task.FromResult<IActionResult>(page.Page());
        if (!page.ModelState.IsValid)
            return await show();
        IActionResult? redirect;
        try
        {
            redirect = await change();
        }
        catch (DomainException e)
        {
            var l = page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var line in e.Message.Split('\n'))
                page.ModelState.AddModelError(string.Empty, l[line]);
            return await show();
        }
        if (redirect is null)
            return page.NotFound();
        page.TempData[StatusMessageKey] = done;
        return redirect;
    }
}
