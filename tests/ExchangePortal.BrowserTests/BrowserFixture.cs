using ExchangePortal.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>The portal on a real Kestrel port with demo data, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly KestrelPortalFactory _portal = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

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

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await _portal.DisposeAsync();
    }

    /// <summary>A DbContext on the portal's database, for arranging what the UI cannot do yet.</summary>
    public Core.Data.PortalDbContext NewDbContext() => _portal.NewDbContext();

    private sealed class KestrelPortalFactory : PortalFactory;
}
