using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ExchangePortal.Core.Demo;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>One user's visit: a fresh browser context, a screenshot and an accessibility check at every step.</summary>
public sealed class Journey(BrowserFixture fixture, string name) : IAsyncDisposable
{
    private IBrowserContext? _context;
    private int _step;

    public IPage Page { get; private set; } = null!;

    public List<string> ConsoleErrors { get; } = [];

    public async Task StartAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "en-GB" });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Add(message.Text);
        };
    }

    public async Task GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response?.Ok, $"{path} answered {response?.Status}");
    }

    public async Task SignInAsync(string email, string password = DemoData.Password)
    {
        await GoToAsync("/Identity/Account/Login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in means sent on from the sign-in page (a load-state wait could time out between the post and the redirect).
        await Page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The main navigation bar.</summary>
    public ILocator Navbar => Page.Locator("header nav");

    /// <summary>Opens a menu of the navigation bar (Administration, Coordination, the account) as a user clicks it.</summary>
    public async Task OpenMenuAsync(string menu)
    {
        await ScriptsRunAsync();
        var toggle = Navbar.GetByRole(AriaRole.Button, new() { Name = menu });
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
    }

    /// <summary>
    /// Waits for the page's load event. The scripts sit at the end of the body, so a page whose header already shows may
    /// not have run Bootstrap yet, and a click on a menu or the toggler then does nothing.
    /// </summary>
    public Task ScriptsRunAsync() => Page.WaitForLoadStateAsync(LoadState.Load);

    /// <summary>Opens the bar folded on a phone with its toggler (named in the page's language) and waits for the animation's end.</summary>
    public async Task UnfoldNavbarAsync(string toggler)
    {
        await ScriptsRunAsync();
        var button = Navbar.GetByRole(AriaRole.Button, new() { Name = toggler });
        await button.ClickAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(Page.Locator("#main-nav")).ToHaveClassAsync(new Regex(@"^(?!.*collapsing).*\bshow\b"));
    }

    /// <summary>Follows a link of a navigation menu: opens the menu, then clicks the link.</summary>
    public async Task NavigateAsync(string menu, string link)
    {
        await OpenMenuAsync(menu);
        await Navbar.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task SignOutAsync(string email)
    {
        await OpenMenuAsync(email);
        await Navbar.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }

    /// <summary>
    /// Saves a screenshot of the page as it is (the whole page, or only the window when the step is about what is at the top)
    /// and fails on any serious or critical axe violation.
    /// </summary>
    public async Task CheckpointAsync(string step, bool fullPage = true)
    {
        _step++;
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-{_step:00}-{step}.png"), FullPage = fullPage });
        var results = await Page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"Accessibility violations on {Page.Url}:\n{string.Join("\n", serious)}");
        Assert.True(ConsoleErrors.Count == 0, $"Console errors on {Page.Url} (a CSP violation?):\n{string.Join("\n", ConsoleErrors)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
            await _context.CloseAsync();
    }
}
