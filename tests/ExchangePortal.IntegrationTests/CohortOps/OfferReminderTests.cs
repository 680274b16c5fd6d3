using ExchangePortal.Core.Notifications;
using ExchangePortal.IntegrationTests.Cycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.CohortOps;

[Collection(PostgresCollection.Name)]
public class OfferReminderTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    [Fact]
    public async Task An_unanswered_offer_is_reminded_3_days_and_1_day_before_it_lapses_once_each_in_the_applicants_language()
    {
        var respondBy = portal.Today.AddDays(5);
        var english = await CohortOpsData.AddOfferedAsync(portal, $"Offer English {Guid.NewGuid():N}"[..22], respondBy, portal.Time.GetUtcNow());
        var chinese = await CohortOpsData.AddOfferedAsync(portal, $"Offer Chinese {Guid.NewGuid():N}"[..22], respondBy, portal.Time.GetUtcNow(), "zh-Hans");
        var addresses = await AddressesAsync(english, chinese);

        var kindsByDay = new List<string[]>();
        foreach (var advance in new[] { 0, 1, 1, 0, 1, 1, 1, 1 })
        {
            portal.Time.Advance(TimeSpan.FromDays(advance));
            await RunAsync();
            await using var db = portal.NewDbContext();
            kindsByDay.Add(await db.Notifications.Where(n => n.ToAddress == addresses[0] && n.Kind.StartsWith("reminder.offer"))
                .OrderBy(n => n.Id).Select(n => n.Kind).ToArrayAsync());
        }

        // 5 and 4 days left: nothing; 3: lapses-3 (a rerun the same day adds nothing); 2: nothing; 1: lapses-1; the last day and after: nothing new.
        Assert.Equal([0, 0, 1, 1, 1, 2, 2, 2], kindsByDay.Select(k => k.Length));
        Assert.Equal(["reminder.offer.lapses-3", "reminder.offer.lapses-1"], kindsByDay[^1]);
        await using var check = portal.NewDbContext();
        var sent = await check.Notifications.Where(n => addresses.Contains(n.ToAddress) && n.Kind.StartsWith("reminder.offer")).ToListAsync();
        Assert.Equal(4, sent.Count);
        var by = respondBy.ToString("yyyy-MM-dd");
        Assert.All(sent.Where(n => n.ToAddress == addresses[0]), n => Assert.StartsWith($"Please answer your offer by {by}", n.Subject));
        Assert.All(sent.Where(n => n.ToAddress == addresses[1]), n => Assert.StartsWith($"请在{by}之前答复您的录取", n.Subject));
        Assert.All(sent, n => Assert.Contains($"{PortalFactory.PublicUrl}Applicant/Applications/", n.Body));
    }

    [Fact]
    public async Task An_answered_offer_is_not_reminded()
    {
        var accepted = await CohortOpsData.AddOfferedAsync(portal, $"Offer Accepted {Guid.NewGuid():N}"[..22], portal.Today.AddDays(1),
            portal.Time.GetUtcNow(), accept: true);
        var address = (await AddressesAsync(accepted))[0];

        await RunAsync();

        await using var db = portal.NewDbContext();
        Assert.False(await db.Notifications.AnyAsync(n => n.ToAddress == address && n.Kind.StartsWith("reminder.offer")));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(4, null)]
    public void The_offer_window_is_3_days_then_1_day(int daysLeft, int? window) => Assert.Equal(window, Reminders.OfferWindow(daysLeft));

    private async Task RunAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync();
    }

    private async Task<List<string>> AddressesAsync(params int[] ids)
    {
        await using var db = portal.NewDbContext();
        var emails = await db.Applications.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Doctor.Email }).ToListAsync();
        return ids.Select(id => emails.Single(e => e.Id == id).Email).ToList();
    }
}
