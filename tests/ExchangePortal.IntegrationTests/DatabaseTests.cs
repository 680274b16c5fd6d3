using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class DatabaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        portal.CreateClient(); // starts the app, which migrates and seeds its own fresh database
        await using var db = portal.NewDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task Seeding_demo_data_again_changes_nothing()
    {
        portal.CreateClient();
        var before = await CountRowsOfEveryTableAsync();

        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();

        Assert.Equal(before, await CountRowsOfEveryTableAsync());
        Assert.Contains(before, t => t.Key == "Applications" && t.Value > 20);
    }

    [Fact]
    public async Task Demo_data_has_an_application_in_every_status()
    {
        portal.CreateClient();
        await using var db = portal.NewDbContext();

        var statuses = await db.Applications.Select(a => a.Status).Distinct().ToListAsync();

        Assert.Equal(Enum.GetValues<ApplicationStatus>().Order(), statuses.Order());
    }

    [Fact]
    public async Task Seats_taken_match_the_placements_holding_them()
    {
        portal.CreateClient();
        await using var db = portal.NewDbContext();

        var mismatches = await db.CohortLabs
            .Where(l => l.SeatsTaken != db.Placements.Count(p => p.CohortLabId == l.Id && p.ReleasedAt == null))
            .CountAsync();

        Assert.Equal(0, mismatches);
    }

    private async Task<Dictionary<string, long>> CountRowsOfEveryTableAsync()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
