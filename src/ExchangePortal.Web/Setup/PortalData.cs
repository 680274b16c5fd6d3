using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class ProgrammeOptions
{
    /// <summary>The time zone dates are shown and "today" is computed in.</summary>
    [Required]
    public string TimeZone { get; set; } = ProgrammeClock.DefaultTimeZone;
}

public sealed class DatabaseOptions
{
    /// <summary>Development and tests migrate at start; production runs the migration bundle first (README).</summary>
    public bool MigrateOnStartup { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Seed the demo programme at start (Development only; skipped when present).</summary>
    public bool Seed { get; set; }
}

public static class PortalData
{
    /// <summary>The clock, the pooled DbContext with its interceptors, and Core's services.</summary>
    public static void AddPortalData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Portal")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).");
        var services = builder.Services;
        services.AddSettings<DatabaseOptions>("Database");
        services.AddSettings<DemoOptions>("Demo");
        services.AddSettings<ProgrammeOptions>("Programme")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Programme:TimeZone must be a time zone id such as Asia/Hong_Kong.");

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ProgrammeClock(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ProgrammeOptions>>().Value.TimeZone));
        // Edits people make to audited entities (labs, cohorts) are written to the audit trail field by field, in the same save.
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActor, HttpAuditActor>();
        services.AddSingleton<FieldAuditInterceptor>();
        services.AddSingleton<RecentStampChecks>().AddSingleton<AccountSaveForgetsStamp>();
        services.AddDbContextPool<PortalDbContext>((sp, options) => options.UseNpgsql(PooledConnections.Tune(connectionString))
            .AddInterceptors(sp.GetRequiredService<FieldAuditInterceptor>(), sp.GetRequiredService<AccountSaveForgetsStamp>(),
                sp.GetRequiredService<StampChangeEndsSessions>(), sp.GetRequiredService<DataChanges>())
            // EF logs every failed command as an error; a refused value or an outage is a warning (logged where it is
            // answered), and a bug is still logged as an error by the exception handler.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Warning), (RelationalEventId.ConnectionError, LogLevel.Warning),
                (RelationalEventId.TransactionError, LogLevel.Warning), (CoreEventId.QueryIterationFailed, LogLevel.Warning),
                (CoreEventId.SaveChangesFailed, LogLevel.Warning))));
        services.AddPortalServices();
        // The certificate's font (docs/operations.md "Certificates"): a missing file stops the start, not a completion later.
        services.AddSettings<Core.Stays.CertificateOptions>("Certificates")
            .Validate(o => File.Exists(o.FontPath), "Certificates:FontPath names no file: install fonts-wqy-microhei or point it at a TrueType font with CJK glyphs.");
    }

    /// <summary>Applies pending migrations when Database:MigrateOnStartup says so, then the demo data in Development.</summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        if (app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
            await scope.ServiceProvider.EnrolDemoAuthenticatorsAsync();
        }
    }
}
