using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal sending its outbox to an SMTP server on a loopback port. With <paramref name="worker"/> the background worker
/// runs and polls quickly; without it, tests dispatch by hand. <paramref name="time"/> replaces the clock when given.
/// </summary>
public sealed class EmailPortalFactory(int smtpPort, bool worker = false, TimeProvider? time = null) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Enabled", worker ? "true" : "false");
        builder.UseSetting("Email:PollSeconds", "0.2");
        builder.UseSetting("Email:PickupFolder", "");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:From", "Exchange Office <exchange@university.test>");
        if (time is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(time));
    }
}
