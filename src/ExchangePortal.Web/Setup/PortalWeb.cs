using System.Text.Encodings.Web;
using System.Text.Unicode;
using ExchangePortal.Web.InputGuards;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
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
        builder.Services.AddPortalInputGuards();
    }

    /// <summary>
    /// The input guards, once for every page (docs/security.md, "Input guards"): control characters and over-long file names
    /// refused by one filter, enums bound only to a member, booleans only from true or false, dates only between 1900 and 2200, model binding's messages in
    /// the user's language. Lengths are the input classes' [StringLength], the columns' sizes.
    /// </summary>
    public static void AddPortalInputGuards(this IServiceCollection services) =>
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, localizers) =>
        {
            options.Filters.Add<InputGuardFilter>();
            options.ModelBinderProviders.Insert(0, new DefinedEnumBinderProvider());
            options.ModelBinderProviders.Insert(0, new StrictBooleanBinderProvider());
            options.ModelMetadataDetailsProviders.Add(new SaneDateMetadataProvider());
            options.ModelMetadataDetailsProviders.Add(new LengthMessageProvider());
            BindingMessages.Localize(options.ModelBindingMessageProvider, localizers.Create(typeof(SharedResource)));
        });

    /// <summary>Views and DataAnnotations messages through the shared localizer (English text as the key).</summary>
    public static IMvcBuilder AddPortalViewLocalization(this IMvcBuilder pages) => pages
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
}
