using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class AuditTrailTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task State_changes_and_failed_sign_ins_are_in_the_audit_trail()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Applications.Where(a => a.Doctor.FullName == "Chen Jing").Select(a => a.Id).SingleAsync();
        await coordinator.SubmitAsync(await coordinator.GetPageAsync($"/Coordinator/Applications/{id}"), "#start-review-form", new Dictionary<string, string>());
        await portal.CreateClientWithoutRedirects().SignInAsync("doctor03@demo.local", "not the password!");
        var admin = await portal.SignInAsync("admin@demo.local");

        var byRecord = await admin.GetPageAsync($"/Admin/Audit?Filter.Type=ExchangeApplication&Filter.Record={id}");
        var byActor = await admin.GetPageAsync("/Admin/Audit?Filter.Actor=coordinator@demo.local");
        var all = await admin.GetPageAsync("/Admin/Audit");

        var row = byRecord.Document.QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("application.status", row);
        Assert.Contains("Status: Endorsed → UnderReview", row);
        Assert.Contains("coordinator@demo.local", row);
        // Not empty first: "every row is the coordinator's" holds for no rows at all.
        Assert.NotEmpty(byActor.Document.QuerySelectorAll("tbody tr td:nth-child(2)"));
        Assert.All(byActor.Document.QuerySelectorAll("tbody tr td:nth-child(2)"), c => Assert.Equal("coordinator@demo.local", c.TextContent));
        Assert.Contains("sign-in.failed", all.Document.Text());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Audit?Filter.From=nonsense&Filter.P=-1")).StatusCode);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEntries" SET "Action" = 'rewritten'""")]
    [InlineData("""DELETE FROM "AuditEntries" """)]
    [InlineData("""TRUNCATE "AuditEntries" """)]
    public async Task The_database_refuses_to_change_or_remove_audit_entries(string sql)
    {
        await using var db = portal.NewDbContext();
        db.AuditEntries.Add(new ExchangePortal.Core.Auditing.AuditEntry(DateTimeOffset.UtcNow, null, "test.entry", "Test", "1"));
        await db.SaveChangesAsync();
        var before = await db.AuditEntries.CountAsync();

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal(before, await db.AuditEntries.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "rewritten"));
    }
}
