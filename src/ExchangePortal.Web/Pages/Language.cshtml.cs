using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages;

/// <summary>The language switch in the layout: remembers the choice in the culture cookie and, when signed in, on the account.</summary>
// No antiforgery token: the switch sits on the cached public pages, where a per-visitor token (and its cookie) would
// make them uncacheable; a forged post can at worst change a language (the sign-in cookie is SameSite=Lax, so the
// account's stored preference cannot be changed from another site).
[IgnoreAntiforgeryToken]
public class LanguageModel(UserPreferences preferences) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl, CancellationToken ct)
    {
        var chosen = PortalCultures.Normalize(culture);
        Response.SetCultureCookie(chosen);
        if (User.Identity?.IsAuthenticated == true)
            await preferences.SetCultureAsync(User.UserId(), chosen, ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
