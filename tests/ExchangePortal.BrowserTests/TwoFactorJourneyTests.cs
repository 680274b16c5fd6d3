using Microsoft.Playwright;
using OtpNet;

namespace ExchangePortal.BrowserTests;

public class TwoFactorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_enrols_an_authenticator_in_chinese_signs_out_and_signs_in_with_a_code()
    {
        const string email = "coordinator@demo.local";
        await using var journey = new Journey(fixture, "two-factor");
        await journey.StartAsync();
        var page = journey.Page;
        await journey.SignInAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");

        await journey.GoToAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("两步验证登录");
        await journey.CheckpointAsync("off");
        await page.GetByRole(AriaRole.Link, new() { Name = "设置两步验证登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("设置两步验证登录");
        await journey.CheckpointAsync("enrol");

        // As a person types the key shown on the page into an authenticator app.
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var app = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("验证码").FillAsync(app.ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "开启两步验证登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("两步验证登录已开启");
        await journey.CheckpointAsync("recovery-codes");

        await journey.OpenMenuAsync(email);
        await journey.Navbar.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/");

        await journey.GoToAsync("/Identity/Account/Login");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Core.Demo.DemoData.Password);
        await page.Locator("#login-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/LoginWith2fa", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("两步验证登录");
        await journey.CheckpointAsync("code");
        // The app's next code: the one used to enrol cannot sign in again, and the portal allows one step of clock drift.
        await page.GetByLabel("验证码").FillAsync(app.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.Locator("#two-factor-submit").ClickAsync();

        await page.WaitForURLAsync(fixture.BaseUrl + "/Coordinator");
        // The university's staff pages are in English; the chosen language stays for the applicant-facing ones.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Review queue");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await journey.CheckpointAsync("signed-in");
    }
}
