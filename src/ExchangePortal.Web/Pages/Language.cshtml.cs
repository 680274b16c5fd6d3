using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages;

/// <summary>The language switch in the layout: remembers the choice in the culture cookie and, when signed in, on the account.</summary>
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
