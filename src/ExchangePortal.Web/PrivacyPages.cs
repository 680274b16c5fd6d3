using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web;

/// <summary>One version of the notice's text with the facts it names (the partial Pages/Shared/PrivacyNotices/_Notice_{version}).</summary>
public sealed record NoticeText(string Version, NoticeFacts Facts)
{
    public string Partial => $"/Pages/Shared/PrivacyNotices/_Notice_{Version.Replace('-', '_')}.cshtml";
}

public static class PrivacyPages
{
    /// <summary>Signs the person in again so the cookie carries the notice version just decided; true for DecideAsync.</summary>
    public static async Task<bool> RefreshSignInAsync(this PageModel page)
    {
        var services = page.HttpContext.RequestServices;
        var user = await services.GetRequiredService<UserManager<PortalUser>>().GetUserAsync(page.User);
        if (user is null)
            return false;
        await services.GetRequiredService<SignInManager<PortalUser>>().RefreshSignInAsync(user);
        return true;
    }

    /// <summary>The page name of the person's home (RoleHome), for a redirect after the notice.</summary>
    public static string HomePage(this PageModel page)
    {
        var home = RoleHome.For(Roles.All.Where(page.User.IsInRole).ToList());
        return home == "/" ? "/Index" : home + "/Index";
    }
}

/// <summary>An audited access to a person's data, in words (English keys for the shared localizer).</summary>
public static class AccessText
{
    public static string Of(string action) => action switch
    {
        "document.viewed" => "Viewed your document",
        "document.downloaded" => "Downloaded your document",
        "application.viewed" => "Opened your application",
        _ when action.StartsWith("export.", StringComparison.Ordinal) => "Exported a list that contained you",
        _ => "Saw your data",
    };
}
