using Microsoft.AspNetCore.Localization;

namespace ExchangePortal.Web;

/// <summary>The languages the portal speaks and the cookie that remembers a visitor's choice.</summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string Chinese = "zh-Hans";

    public static readonly string[] Supported = [English, Chinese];

    /// <summary>A supported culture name, or English for anything else.</summary>
    public static string Normalize(string? culture) => Supported.FirstOrDefault(c => c == culture) ?? English;

    public static void SetCultureCookie(this HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Normalize(culture))),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
            });
}
