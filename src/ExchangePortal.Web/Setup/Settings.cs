using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to a configuration section and checks its DataAnnotations when the app starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
