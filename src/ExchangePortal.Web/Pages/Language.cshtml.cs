using System.ComponentModel.DataAnnotations;
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

    public async Task<IActionResult> OnPostAsync([StringLength(20)] string? culture, [StringLength(2000)] string? returnUrl, CancellationToken ct)
    {
        var chosen = PortalCultures.Normalize(culture);
        Response.SetCultureCookie(chosen);
        if (User.Identity?.IsAuthenticated == true)
            await preferences.SetCultureAsync(User.UserId(), chosen, ct);
        return LocalRedirect(IsSafeReturnUrl(returnUrl) ? returnUrl! : "/");
    }

    // A local address a Location header can carry: printable ASCII only (the links send it percent-encoded), so a crafted
    // one with a control or non-ASCII character goes home instead of failing the response.
    private bool IsSafeReturnUrl(string? returnUrl) =>
        ModelState.IsValid && Url.IsLocalUrl(returnUrl) && returnUrl.All(c => c is > ' ' and < (char)0x7F);
}
