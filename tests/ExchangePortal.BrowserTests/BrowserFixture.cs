using ExchangePortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>The portal on a real Kestrel port with demo data, and Debian's Chromium driven by Playwright.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly KestrelPortalFactory _portal;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public BrowserFixture() => _portal = new(Configure);

    /// <summary>Settings of a fixture of its own (<see cref="MailBrowserFixture"/> sends the outbox to a real SMTP server).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        _portal.UseKestrel(0);
        _portal.StartServer();
        BaseUrl = _portal.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await _portal.DisposeAsync();
    }

    /// <summary>The portal under test, for the integration tests' arranging helpers (PrivacyWorld).</summary>
    public PortalFactory Portal => _portal;

    /// <summary>The portal's services, for what an operator does on the command line (create-admin).</summary>
    public IServiceProvider Services => _portal.Services;

    /// <summary>A DbContext on the portal's database, for arranging what the UI cannot do yet.</summary>
    public Core.Data.PortalDbContext NewDbContext() => _portal.NewDbContext();

    /// <summary>The page the link of the latest email of a kind to an address opens, as its reader would follow it.</summary>
    public async Task<string> EmailLinkAsync(string to, string kind)
    {
        await using var db = NewDbContext();
        var body = await db.Notifications.Where(n => n.ToAddress == to && n.Kind == kind).OrderByDescending(n => n.Id).Select(n => n.Body).FirstAsync();
        return new Uri(IntegrationTests.EmailLinkTests.LinksIn(body).Single(l => l.StartsWith(PortalFactory.PublicUrl, StringComparison.Ordinal))).PathAndQuery;
    }

    private sealed class KestrelPortalFactory(Action<IWebHostBuilder> configure) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            configure(builder);
        }
    }
}

/// <summary>The browser fixture whose portal sends its outbox (worker on, polling quickly) to a real SMTP server on a loopback port.</summary>
public sealed class MailBrowserFixture : BrowserFixture
{
    public SmtpTestServer Mail { get; } = SmtpTestServer.Start();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Email:Enabled", "true");
        builder.UseSetting("Email:PollSeconds", "0.2");
        builder.UseSetting("Email:PickupFolder", "");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:From", "Exchange Office <exchange@university.test>");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
