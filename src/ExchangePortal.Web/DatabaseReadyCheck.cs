using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ExchangePortal.Web;

/// <summary>Ready means the database answers and every migration this build knows of has been applied.</summary>
public class DatabaseReadyCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DatabaseErrors.ForgetLostConnections(e);
            return HealthCheckResult.Unhealthy("Database unreachable", e);
        }
    }
}
