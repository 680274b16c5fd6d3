using ExchangePortal.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ExchangePortal.IntegrationTests.Cycle;

/// <summary>
/// The portal on a fake clock that starts at 09:00 in Hong Kong today (whole seconds; the demo data is dated around the
/// real today). Moving it far ends sign-in cookies too, so a test signs in again after moving it.
/// </summary>
public class FakeClockPortalFactory : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(NineInHongKong(DateTimeOffset.UtcNow));

    public ProgrammeClock Clock => new(Time, ProgrammeClock.DefaultTimeZone);

    public DateOnly Today => Clock.Today;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    private static DateTimeOffset NineInHongKong(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ProgrammeClock.DefaultTimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone).Date.AddHours(9);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
