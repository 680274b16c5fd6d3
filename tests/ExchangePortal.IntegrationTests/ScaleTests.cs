using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Doctors;
using ExchangePortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>Every list and detail page runs the same number of SQL statements at 50 and at 5,000 extra applications.</summary>
[Collection(PostgresCollection.Name)]
public class ScaleTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Pages_run_a_constant_number_of_statements_from_50_to_5000_applications()
    {
        var pages = new (string User, string Path)[]
        {
            ("coordinator@demo.local", "/Coordinator"),
            ("coordinator@demo.local", "/Coordinator?Filter.Status=Endorsed&Filter.Q=bulk&Filter.Sort=Name"),
            ("coordinator@demo.local", "/Coordinator/Applications/{review}"),
            ("coordinator@demo.local", "/Coordinator/Cohorts"),
            ("coordinator@demo.local", "/Coordinator/Roster/{cohort}"),
            ("hospital@demo.local", "/Hospital"),
            ("hospital@demo.local", "/Hospital/Staff"),
            ("hospital@demo.local", "/Hospital/Applications/{review}"),
            ("doctor2@demo.local", "/Applicant"),
            ("doctor2@demo.local", "/Applicant/Applications/{mine}"),
            ("doctor2@demo.local", "/Applicant/Applications/{mine}/Documents"),
            ("doctor2@demo.local", "/Applicant/Apply/{cohort}"),
            ("doctor2@demo.local", "/Applicant/Profile"),
            ("doctor2@demo.local", "/Account/Privacy"),
            ("admin@demo.local", "/Admin"),
            ("admin@demo.local", "/Admin/Stays"),
            ("admin@demo.local", "/Admin/Reports"),
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in pages.Select(p => p.User).Distinct())
            clients[user] = await portal.SignInAsync(user);
        await AddApplicationsAsync(50);
        var (review, mine, cohort) = await IdsAsync();
        string Resolve(string path) => path.Replace("{review}", review.ToString()).Replace("{mine}", mine.ToString()).Replace("{cohort}", cohort.ToString());

        var small = new List<int>();
        foreach (var (user, path) in pages)
            small.Add(await CountAsync(clients[user], Resolve(path)));
        await AddApplicationsAsync(4950);
        var large = new List<int>();
        foreach (var (user, path) in pages)
            large.Add(await CountAsync(clients[user], Resolve(path)));

        Assert.Equal(pages.Zip(small, (p, n) => $"{p.Path}: {n}"), pages.Zip(large, (p, n) => $"{p.Path}: {n}"));
        var staff = await clients["hospital@demo.local"].GetPageAsync("/Hospital/Staff?p=2");
        Assert.Equal(50, staff.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Next", staff.Document.QuerySelector(".pagination")!.TextContent);
    }

    private async Task<int> CountAsync(HttpClient client, string path)
    {
        await client.GetAsync(path); // first-request work (sign-in checks, caches) is not the page's own
        await portal.EvictCachesAsync(); // the page's own statements, not the output cache's
        portal.Sql.Reset();
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return portal.Sql.Count;
    }

    private async Task<(int Review, int Mine, int Cohort)> IdsAsync()
    {
        await using var db = portal.NewDbContext();
        var review = await db.Applications.Where(a => a.Doctor.FullName == "Zhao Li").Select(a => a.Id).FirstAsync();
        var mine = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).FirstAsync();
        var cohort = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).SingleAsync();
        return (review, mine, cohort);
    }

    // Staff of the demo hospital applying to the open cohort, endorsed, in bulk.
    private async Task AddApplicationsAsync(int count)
    {
        await using var db = portal.NewDbContext();
        var cohort = await db.Cohorts.Include(c => c.Labs).SingleAsync(c => c.Status == Core.Cohorts.CohortStatus.Open);
        var hospital = await db.Institutions.SingleAsync(i => i.ShortName == "BCTH");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var email = $"bulk-{Guid.NewGuid():N}@test";
            var user = new PortalUser { UserName = email, Email = email, DisplayName = "Bulk" };
            db.Users.Add(user);
            var application = new ExchangeApplication(cohort, new VisitingDoctor(user, hospital, $"Bulk Doctor {i}", email), user.Id, now);
            application.ChooseLabs([cohort.Labs[i % cohort.Labs.Count]], now);
            application.Submit(user.Id, now);
            application.Endorse(user.Id, now);
            db.Applications.Add(application);
        }
        await db.SaveChangesAsync();
    }
}
