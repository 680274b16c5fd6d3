using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExchangePortal.Tools;

public static class ToolDatabase
{
    // The portal's AddDefaultIdentity keeps Identity's login and token keys to 128 characters; without it the model differs.
    private static readonly IServiceProvider IdentityAsInThePortal = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.MaxLengthForKeys = 128)
        .BuildServiceProvider();

    /// <summary>A DbContext with the very model the portal's migrations describe, outside the portal.</summary>
    public static PortalDbContext Open(string connectionString, ILoggerFactory? logging = null, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString)
            .UseApplicationServiceProvider(IdentityAsInThePortal)
            // EF's services (and the model they cache) of its own, not those of a PortalDbContext made without these options.
            .EnableServiceProviderCaching(false)
            .AddInterceptors(interceptors);
        if (logging is not null)
            options.UseLoggerFactory(logging);
        return new PortalDbContext(options.Options);
    }
}
