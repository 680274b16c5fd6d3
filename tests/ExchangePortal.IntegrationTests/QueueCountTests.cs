using ExchangePortal.Core.Data;
using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>The trigger-kept counters behind the review queue's counts agree with the applications themselves.</summary>
[Collection(PostgresCollection.Name)]
public class QueueCountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_status_counters_follow_inserts_transitions_and_deletes()
    {
        await using var db = portal.NewDbContext();
        await AssertCountersMatchAsync(db);

        var application = await db.Applications.Include(a => a.Cohort).FirstAsync(a => a.Status == ApplicationStatus.Endorsed);
        var coordinator = await db.Users.Where(u => u.Email == "coordinator@demo.local").Select(u => u.Id).SingleAsync();
        application.StartReview(coordinator, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await AssertCountersMatchAsync(db);

        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "EndorsementRequired" = NOT "EndorsementRequired" WHERE "Status" = 'Submitted'""");
        await AssertCountersMatchAsync(db);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Applications" SET "EndorsementRequired" = NOT "EndorsementRequired" WHERE "Status" = 'Submitted'""");

        var draft = await db.Applications.FirstAsync(a => a.Status == ApplicationStatus.Draft);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "ApplicationHistory" WHERE "ApplicationId" = {0}""", draft.Id);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LabChoices" WHERE "ApplicationId" = {0}""", draft.Id);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Applications" WHERE "Id" = {0}""", draft.Id);
        await AssertCountersMatchAsync(db);
    }

    [Fact]
    public async Task The_queue_counts_and_totals_equal_counting_the_applications()
    {
        await using var db = portal.NewDbContext();
        var queue = new ReviewQueue(db, SharedReads.Uncached);
        var cohort = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).SingleAsync();

        var all = await queue.GetAsync(new QueueFilter());
        var inCohort = await queue.GetAsync(new QueueFilter(CohortId: cohort));
        var endorsed = await queue.GetAsync(new QueueFilter(Status: ApplicationStatus.Endorsed));

        var expected = await db.Applications.Where(a => a.Status != ApplicationStatus.Draft)
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(expected.OrderBy(p => p.Key), all.CountsByStatus.OrderBy(p => p.Key));
        Assert.Equal(await db.Applications.CountAsync(a => (a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
            || a.Status == ApplicationStatus.Endorsed || a.Status == ApplicationStatus.UnderReview), all.Total);
        Assert.Equal(await db.Applications.CountAsync(a => a.CohortId == cohort && ((a.Status == ApplicationStatus.Submitted && !a.EndorsementRequired)
            || a.Status == ApplicationStatus.Endorsed || a.Status == ApplicationStatus.UnderReview)), inCohort.Total);
        Assert.Equal(expected[ApplicationStatus.Endorsed], endorsed.Total);
        Assert.Equal(endorsed.Total, endorsed.Rows.Count);
    }

    private static async Task AssertCountersMatchAsync(Core.Data.PortalDbContext db)
    {
        var actual = await db.Applications.GroupBy(a => new { a.CohortId, a.Status, a.EndorsementRequired })
            .Select(g => $"{g.Key.CohortId}/{g.Key.Status}/{g.Key.EndorsementRequired}: {g.Count()}").ToListAsync();
        var counted = await db.ApplicationStatusCounts.Where(c => c.Count != 0)
            .Select(c => $"{c.CohortId}/{c.Status}/{c.EndorsementRequired}: {c.Count}").ToListAsync();
        Assert.Equal(actual.Order(), counted.Order());
    }
}
