using System.Text.Json;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Data.Configurations;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>The navigation bar of a user who holds several roles: one line on a small laptop, a tidy menu on a phone.</summary>
public class NavigationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_with_every_role_gets_the_bar_on_one_line_at_1024_px_in_english_and_chinese_and_its_menus_work_from_the_keyboard()
    {
        await GiveEveryRoleAsync("admin@demo.local");
        await using var journey = new Journey(fixture, "nav-1024");
        await journey.StartAsync();
        var page = journey.Page;
        await page.SetViewportSizeAsync(1024, 768);
        await journey.SignInAsync("admin@demo.local");

        // Every audience has its menu when the user belongs to more than one.
        foreach (var menu in new[] { "Applicant", "Hospital", "Coordination", "Administration", "admin@demo.local" })
            await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Button, new() { Name = menu, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "Host labs" })).ToBeVisibleAsync();
        await AssertOnOneLineAsync(journey);
        await journey.CheckpointAsync("every-role", fullPage: false);

        // The menu by keyboard: Enter opens it, the arrows move through its links, Escape closes it and gives focus back.
        var administration = journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "Administration" });
        await administration.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowDown");
        var dashboard = journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "Dashboard" });
        await Assertions.Expect(dashboard).ToBeFocusedAsync();
        await Assertions.Expect(dashboard).ToHaveAttributeAsync("aria-current", "page");
        await journey.CheckpointAsync("administration-menu", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(administration).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(administration).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        foreach (var _ in Enumerable.Range(0, 4))
            await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.BaseUrl + "/Admin/Users");
        await Assertions.Expect(administration).ToHaveClassAsync(new Regex(@"\bactive\b"));

        // The same bar in Chinese, through the one language button.
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" })).ToHaveCountAsync(0);
        await AssertOnOneLineAsync(journey);
        await journey.CheckpointAsync("every-role-zh", fullPage: false);
        await journey.OpenMenuAsync("协调");
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "审核队列" })).ToBeVisibleAsync();
        await journey.CheckpointAsync("coordination-menu-zh", fullPage: false);
        await journey.OpenMenuAsync("admin@demo.local");
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "日历订阅" })).ToBeVisibleAsync();
        await journey.CheckpointAsync("account-menu-zh", fullPage: false);

        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task On_a_phone_the_bar_folds_behind_the_toggler_and_opens_into_a_list_with_the_staff_menus()
    {
        await GiveRoleAsync("coordinator@demo.local", Roles.Administrator);
        await using var journey = new Journey(fixture, "nav-phone");
        await journey.StartAsync();
        var page = journey.Page;
        await page.SetViewportSizeAsync(375, 800);
        await journey.SignInAsync("coordinator@demo.local");

        var menu = page.Locator("#main-nav");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync(journey);
        await journey.CheckpointAsync("folded", fullPage: false);

        await journey.UnfoldNavbarAsync("Toggle navigation");
        await journey.OpenMenuAsync("Administration");
        await Assertions.Expect(journey.Navbar.GetByRole(AriaRole.Link, new() { Name = "Exports" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(journey);
        await journey.CheckpointAsync("open", fullPage: false);

        await journey.NavigateAsync("Coordination", "Cohorts");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Cohorts");
        await Assertions.Expect(menu).ToBeHiddenAsync();

        await journey.UnfoldNavbarAsync("Toggle navigation");
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await journey.UnfoldNavbarAsync("展开或收起导航");
        await journey.OpenMenuAsync("coordinator@demo.local");
        await AssertNoSidewaysScrollAsync(journey);
        await journey.CheckpointAsync("open-zh", fullPage: false);
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    /// <summary>
    /// The bar is as tall as one line of its tallest item, no item breaks inside, and none sticks out of the bar's container
    /// (with nowrap an item too many would overflow sideways rather than wrap).
    /// </summary>
    private static async Task AssertOnOneLineAsync(Journey journey)
    {
        var measure = await journey.Navbar.EvaluateAsync<JsonElement>("""
            nav => {
                const box = nav.querySelector('.container').getBoundingClientRect();
                const items = [...nav.querySelectorAll('.navbar-brand, .navbar-nav > .nav-item > .nav-link, #language-form .nav-link')];
                const px = (style, ...names) => names.reduce((sum, n) => sum + parseFloat(style[n]), 0);
                const oneLine = el => {
                    const s = getComputedStyle(el);
                    return px(s, 'lineHeight', 'paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth');
                };
                const navStyle = getComputedStyle(nav);
                const name = el => el.textContent.trim();
                return {
                    line: Math.max(...items.map(oneLine)),
                    height: nav.getBoundingClientRect().height - px(navStyle, 'paddingTop', 'paddingBottom'),
                    broken: items.filter(el => el.getBoundingClientRect().height > oneLine(el) + 0.5).map(name),
                    outside: items.filter(el => {
                        const r = el.getBoundingClientRect();
                        return r.left < box.left - 0.5 || r.right > box.right + 0.5;
                    }).map(name),
                    count: items.length,
                };
            }
            """);
        var line = measure.GetProperty("line").GetDouble();
        var height = measure.GetProperty("height").GetDouble();
        Assert.True(measure.GetProperty("count").GetInt32() >= 8, "The bar should show the brand, the links, the menus and the language button.");
        Assert.True(Math.Abs(height - line) < 1, $"The navigation bar is {height} px tall, one line is {line} px: it wraps.");
        Assert.Empty(measure.GetProperty("broken").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(measure.GetProperty("outside").EnumerateArray().Select(e => e.GetString()));
        await AssertNoSidewaysScrollAsync(journey);
    }

    /// <summary>Nothing in the bar (or its open menus) reaches past the window's right edge.</summary>
    private static async Task AssertNoSidewaysScrollAsync(Journey journey)
    {
        var right = await journey.Navbar.EvaluateAsync<double>(
            "nav => Math.max(...[nav, ...nav.querySelectorAll('*')].filter(el => el.getClientRects().length).map(el => el.getBoundingClientRect().right))");
        var width = journey.Page.ViewportSize!.Width;
        Assert.True(right <= width + 0.5, $"The navigation bar reaches {right} px in a {width} px window.");
    }

    private Task GiveEveryRoleAsync(string email) => GiveRoleAsync(email, [.. Roles.All]);

    /// <summary>Adds roles the demo user does not have yet (the admin's role editor is not what these tests are about).</summary>
    private async Task GiveRoleAsync(string email, params string[] roles)
    {
        await using var db = fixture.NewDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var held = await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.RoleId).ToListAsync();
        db.UserRoles.AddRange(roles.Select(RoleConfiguration.RoleId).Except(held)
            .Select(roleId => new IdentityUserRole<string> { UserId = userId, RoleId = roleId }));
        await db.SaveChangesAsync();
    }
}
