using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;
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
            // Redaction last, after every other enricher has added its properties (docs/security.md, "Logs").
            log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext().Enrich.With<LogRedaction>()
                .Filter.ByExcluding(LogRedaction.Drops);
            // Console writes happen on a background thread (the async sink), never on a request thread; flushed at shutdown.
            if (isDevelopment)
                log.WriteTo.Async(sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
            else
                log.WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()));
        });
        // A 503 is the database being away (logged once as a warning where it is caught), not a bug of this request.
        builder.Services.Configure<RequestLoggingOptions>(options => options.GetLevel = (context, _, error) =>
            error is not null || context.Response.StatusCode is >= 500 and not StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Error
            : context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Warning
            : LogEventLevel.Information);
    }
}
