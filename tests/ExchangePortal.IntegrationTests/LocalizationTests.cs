using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class LocalizationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_language_switch_sets_the_culture_cookie_and_the_next_page_is_in_chinese()
    {
        var client = portal.CreateClientWithoutRedirects();

        var response = await SwitchLanguageAsync(client, "/Labs?q=stroke", "zh-Hans");
        var labs = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Labs?q=stroke", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Dzh-Hans", StringComparison.Ordinal)
            || c.StartsWith(".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans", StringComparison.Ordinal));
        Assert.Equal("zh-Hans", labs.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("接收实验室", labs.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Neuroscience Research Lab"], labs.Document.QuerySelectorAll("article h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task A_signed_in_applicants_choice_is_kept_on_the_account_and_follows_them_to_a_new_browser()
    {
        const string email = "doctor2@demo.local";
        var first = await portal.SignInAsync(email);

        await SwitchLanguageAsync(first, "/Applicant", "zh-Hans");

        await using (var db = portal.NewDbContext())
            Assert.Equal("zh-Hans", await db.Users.Where(u => u.Email == email).Select(u => u.PreferredCulture).SingleAsync());
        var second = await portal.SignInAsync(email);
        var page = await second.GetPageAsync("/Applicant");
        Assert.Equal("zh-Hans", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("我的申请", page.Document.QuerySelector("h1")!.TextContent);
        var row = page.Document.QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("等待您所在医院推荐。", row);
        Assert.Contains("已提交", row);
    }

    [Fact]
    public async Task A_validation_message_on_the_register_page_comes_back_in_chinese()
    {
        var client = portal.CreateClientWithoutRedirects();
        await SwitchLanguageAsync(client, "/Identity/Account/Register", "zh-Hans");
        var page = await client.GetPageAsync("/Identity/Account/Register");

        var response = await client.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dr. Test Person",
            ["Input.Email"] = "chinese.form@hospital.test",
            ["Input.HospitalId"] = "1",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        var form = await HtmlForms.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("密码至少需要 12 个字符。", form.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
        Assert.Equal("确认密码", form.QuerySelector("label[for='Input_ConfirmPassword']")!.TextContent);
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "chinese.form@hospital.test"));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-Hans")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8")]
    public async Task A_chinese_browser_gets_chinese_pages_without_choosing(string acceptLanguage)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await client.GetPageAsync("/");

        Assert.Equal("zh-Hans", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("学术交流项目", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日$", page.Document.QuerySelector("#cohorts-heading + table tbody td:nth-child(2)")!.TextContent);
        Assert.Contains("<h1>学术交流项目</h1>", await page.Response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("c=fr|uic=fr")]
    [InlineData("c=xx-Nowhere|uic=xx-Nowhere")]
    [InlineData("not a culture cookie")]
    public async Task An_unknown_culture_cookie_falls_back_to_english(string cookie)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString(cookie));

        var page = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Academic exchange programme", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task English_is_the_default_and_switching_back_to_english_is_remembered()
    {
        var client = await portal.SignInAsync("hospital@demo.local");
        await SwitchLanguageAsync(client, "/Hospital", "zh-Hans");
        Assert.Equal("待医院推荐的申请", (await client.GetPageAsync("/Hospital")).Document.QuerySelector("h1")!.TextContent);

        await SwitchLanguageAsync(client, "/Hospital", "en");

        var page = await client.GetPageAsync("/Hospital");
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Applications waiting for endorsement", page.Document.QuerySelector("h1")!.TextContent);
        await using var db = portal.NewDbContext();
        Assert.Equal("en", await db.Users.Where(u => u.Email == "hospital@demo.local").Select(u => u.PreferredCulture).SingleAsync());
    }

    /// <summary>Submits the layout's language form of <paramref name="path"/>, as the button for <paramref name="culture"/> does.</summary>
    private static async Task<HttpResponseMessage> SwitchLanguageAsync(HttpClient client, string path, string culture)
    {
        var page = await client.GetPageAsync(path);
        var response = await client.SubmitAsync(page, "#language-form", new Dictionary<string, string> { ["culture"] = culture });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
