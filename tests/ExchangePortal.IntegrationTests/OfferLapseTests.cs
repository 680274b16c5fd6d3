using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class OfferLapseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_unanswered_offer_lapses_after_its_deadline_and_its_seat_goes_to_the_waitlist()
    {
        await using var db = portal.NewDbContext();
        var offered = await db.Applications.Where(a => a.Doctor.Email == "doctor09@demo.local").Select(a => a.Id).SingleAsync();
        var waiting = await db.Applications.Where(a => a.Doctor.Email == "doctor10@demo.local").Select(a => a.Id).SingleAsync();
        var untouched = await db.Applications.Where(a => a.Doctor.Email == "doctor20@demo.local").Select(a => a.Id).SingleAsync();
        await db.Applications.Where(a => a.Id == offered)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OfferRespondBy, DateTimeOffset.UtcNow.AddMinutes(-1)));

        int lapsed;
        await using (var scope = portal.Services.CreateAsyncScope())
            lapsed = await scope.ServiceProvider.GetRequiredService<OfferLapses>().LapseOverdueAsync();

        Assert.Equal(1, lapsed);
        var statuses = await db.Applications.Where(a => a.Id == offered || a.Id == waiting || a.Id == untouched)
            .ToDictionaryAsync(a => a.Id, a => a.Status);
        Assert.Equal(ApplicationStatus.Declined, statuses[offered]);
        Assert.Equal(ApplicationStatus.Offered, statuses[waiting]);
        Assert.Equal(ApplicationStatus.Offered, statuses[untouched]);
        var history = await db.ApplicationHistory.Where(h => h.ApplicationId == offered).OrderByDescending(h => h.At).FirstAsync();
        Assert.Null(history.ActorId);
        Assert.Contains("lapsed", history.Comment);
        Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "application.Declined" && n.ToAddress == "doctor09@demo.local"));
    }
}
