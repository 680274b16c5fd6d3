using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class SqlStatementTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("admin@demo.local", "/Admin")]
    [InlineData("coordinator@demo.local", "/Coordinator")]
    [InlineData("coordinator@demo.local", "/Coordinator/Cohorts")]
    [InlineData("coordinator@demo.local", "/Coordinator/Labs")]
    [InlineData("hospital@demo.local", "/Hospital")]
    [InlineData("doctor@demo.local", "/Applicant")]
    [InlineData(null, "/")]
    [InlineData(null, "/Labs")]
    public async Task Pages_run_the_same_number_of_statements_whatever_the_data_size(string? user, string path)
    {
        var client = user is null ? portal.CreateClient() : await portal.SignInAsync(user);

        var before = await CountStatementsAsync(client, path);
        await AddSubmittedApplicationsAsync(30);
        var after = await CountStatementsAsync(client, path);

        Assert.InRange(before, 1, 8);
        Assert.Equal(before, after);
    }

    private async Task<int> CountStatementsAsync(HttpClient client, string path)
    {
        // Warm up first: first-request work is not the page's own.
        await client.GetAsync(path);
        await portal.EvictCachesAsync(); // the page's own statements, not the output cache's
        portal.Sql.Reset();
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return portal.Sql.Count;
    }

    private async Task AddSubmittedApplicationsAsync(int count)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs).Where(c => c.Status == Core.Cohorts.CohortStatus.Open).FirstAsync();
        var hospital = await db.Institutions.FirstAsync(i => i.ShortName == "BCTH");
        var coordinator = await db.Users.FirstAsync(u => u.Email == "hospital@demo.local");
        for (var i = 0; i < count; i++)
        {
            var user = new PortalUser { UserName = $"bulk{Guid.NewGuid():N}@test", DisplayName = "Bulk" };
            var doctor = new VisitingDoctor(user, hospital, $"Bulk Doctor {i}", user.UserName);
            db.Users.Add(user);
            var application = new ExchangeApplication(cohort, doctor, user.Id, DateTimeOffset.UtcNow);
            application.ChooseLabs([cohort.Labs[i % cohort.Labs.Count]], DateTimeOffset.UtcNow);
            application.Submit(user.Id, DateTimeOffset.UtcNow);
            if (i % 2 == 0)
                application.Endorse(coordinator.Id, DateTimeOffset.UtcNow);
            db.Applications.Add(application);
        }
        await db.SaveChangesAsync();
    }
}
