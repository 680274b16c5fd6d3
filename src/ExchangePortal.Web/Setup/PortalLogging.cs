using Serilog;
using Serilog.Formatting.Compact;

namespace ExchangePortal.Web.Setup;

public static class PortalLogging
{
    /// <summary>Serilog from the Serilog section: readable lines in Development, compact JSON otherwise, both on stdout.</summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            // Console writes happen on a background thread (the async sink), never on a request thread; flushed at shutdown.
            if (isDevelopment)
                log.WriteTo.Async(sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
            else
                log.WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()));
        });
    }
}
