using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using ExchangePortal.Tools;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExchangePortal.IntegrationTests;

/// <summary>The tool's large-data seeder (scripts/seed.sh) on an empty database, at a small size.</summary>
[Collection(PostgresCollection.Name)]
public class LargeDataSeederTests(ProductionPortalFactory portal) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task It_fills_an_empty_database_consistently_and_refuses_one_that_holds_data()
    {
        await using var db = portal.NewDbContext(); // the app has migrated its empty database
        async Task<LargeDataSummary> SeedAsync(int applications)
        {
            await using var seeding = ToolDatabase.Open(portal.ConnectionString);
            return await new LargeDataSeeder(seeding, new UpperInvariantLookupNormalizer(), portal.Services.GetRequiredService<ProgrammeClock>(),
                NullLogger<LargeDataSeeder>.Instance).SeedAsync(applications);
        }

        var summary = await SeedAsync(3000);

        Assert.Equal(3000, await db.Applications.CountAsync());
        Assert.Equal(LargeDataSeeder.CohortCount, await db.Cohorts.CountAsync());
        Assert.Equal(LargeDataSeeder.LabCount, await db.HostLabs.CountAsync());
        Assert.Equal(summary.HistoryRows, await db.ApplicationHistory.CountAsync());
        Assert.True(await db.Applications.Select(a => a.Status).Distinct().CountAsync() >= 12);
        // Seats taken are exactly the placements holding a seat, never above the seats.
        Assert.False(await db.CohortLabs.AnyAsync(l => l.SeatsTaken > l.Seats
            || l.SeatsTaken != db.Placements.Count(p => p.CohortLabId == l.Id && p.ReleasedAt == null)));
        Assert.Equal(await db.Documents.CountAsync(), await db.DocumentContents.CountAsync());
        Assert.True(await db.Users.AnyAsync(u => u.NormalizedEmail == "COORDINATOR@BENCH.LOCAL"));
        Assert.True(await db.Users.AnyAsync(u => u.NormalizedEmail == "DOCTOR1@BENCH.LOCAL"));
        // Every completed stay has its report form and its certificate (a code /Verify accepts), nine in ten an evaluation.
        var completed = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Completed);
        Assert.True(completed > 100, $"The seed completes stays; found {completed}.");
        Assert.Equal(completed, await db.StayReports.CountAsync(r => db.Applications.Any(a => a.Id == r.ApplicationId && a.Status == ApplicationStatus.Completed)));
        Assert.Equal(completed, await db.StayReports.CountAsync());
        Assert.Equal(completed, await db.Certificates.CountAsync(c => db.Applications.Any(a => a.Id == c.ApplicationId && a.Status == ApplicationStatus.Completed)));
        Assert.InRange(await db.SupervisorEvaluations.CountAsync(), completed * 8 / 10, completed - 1);
        Assert.True(await db.StayReports.AnyAsync(r => r.Outputs == "") && await db.StayReports.AnyAsync(r => r.Outputs.Contains("\n")));
        var codes = await db.Certificates.Select(c => c.Code).ToListAsync();
        Assert.All(codes, code => Assert.Equal(code, StayCertificates.Normalize(code)));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await portal.CreateClient().GetAsync($"/Verify/{codes[0]}")).StatusCode);
        // New rows continue after the copied ids.
        var next = await db.Database.SqlQueryRaw<long>("""SELECT nextval(pg_get_serial_sequence('"Applications"', 'Id')) AS "Value" """).SingleAsync();
        Assert.Equal(3001, next);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(10));
        Assert.Contains("empty database", refused.Message);
    }

    [Fact]
    public void The_tools_context_has_the_model_of_the_portals_migrations_so_seeding_can_migrate()
    {
        using var db = ToolDatabase.Open(portal.ConnectionString);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
