using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace ExchangePortal.Web.Setup;

public static class PortalWeb
{
    /// <summary>English and Chinese pages, Chinese text sent as characters, and the output cache of the public pages.</summary>
    public static void AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            // Only the UI language switches; formats stay English, so dates inside Core's English messages read the same everywhere.
            options.SetDefaultCulture(PortalCultures.English)
                .AddSupportedCultures(PortalCultures.English)
                .AddSupportedUICultures(PortalCultures.Supported);
            // The user's own choice (the cookie the language switch and sign-in set) wins over the browser's languages.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Chinese text goes out as characters, not as numeric character references.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOutputCache(PublicPages.Add);
    }

    /// <summary>Views and DataAnnotations messages through the shared localizer (English text as the key).</summary>
    public static IMvcBuilder AddPortalViewLocalization(this IMvcBuilder pages) => pages
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
}
