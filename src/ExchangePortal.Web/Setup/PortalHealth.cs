using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ExchangePortal.Web.Setup;

public static class PortalHealth
{
    /// <summary>Ready means the database answers; live means the process serves requests.</summary>
    public static void AddPortalHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

    public static void MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}
