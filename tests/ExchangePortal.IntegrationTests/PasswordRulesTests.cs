using System.Net;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests;

/// <summary>Common passwords and passwords made of the email address are refused wherever a password is chosen.</summary>
[Collection(PostgresCollection.Name)]
public class PasswordRulesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Password123456", CommonPasswordValidator.Common)] // "password" with digits after it
    [InlineData("QWERTY123456", CommonPasswordValidator.Common)] // in the list as "qwerty123456"
    [InlineData("1qaz2wsx3edc", CommonPasswordValidator.Common)]
    [InlineData("grace.hopper at the lab", CommonPasswordValidator.ContainsEmail)]
    [InlineData("my name is GRACE.HOPPER", CommonPasswordValidator.ContainsEmail)]
    public async Task Registration_refuses_a_common_password_or_one_made_of_the_email(string password, string message)
    {
        var email = "grace.hopper@" + Guid.NewGuid().ToString("N")[..8] + ".test";
        var response = await RegisterAsync(portal.CreateClientWithoutRedirects(), email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task Registration_accepts_a_passphrase_and_the_demo_password_passes_the_rules()
    {
        var email = "ada.lovelace@" + Guid.NewGuid().ToString("N")[..8] + ".test";

        var response = await RegisterAsync(portal.CreateClientWithoutRedirects(), email, "analytical engine notes");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(10_000, CommonPasswordValidator.Count);
        Assert.False(CommonPasswordValidator.IsCommon(DemoData.Password));
        Assert.DoesNotContain(DemoData.Accounts, a => CommonPasswordValidator.ContainsLocalPart(DemoData.Password, a.Email));
    }

    [Fact]
    public async Task The_refusals_come_in_chinese()
    {
        var client = portal.CreateClientWithoutRedirects();
        var languages = await client.GetPageAsync("/Identity/Account/Register");
        await client.SubmitAsync(languages, "#language-form", new Dictionary<string, string> { ["culture"] = "zh-Hans" });

        var common = await RegisterAsync(client, "li.wei@" + Guid.NewGuid().ToString("N")[..8] + ".test", "password123456");
        var ownName = await RegisterAsync(client, "li.wei@" + Guid.NewGuid().ToString("N")[..8] + ".test", "li.wei 2026 passphrase");

        Assert.Contains("此密码属于最常见的密码", (await HtmlForms.ParseAsync(common)).Text());
        Assert.Contains("密码不得包含您的电子邮件地址", (await HtmlForms.ParseAsync(ownName)).Text());
    }

    [Fact]
    public async Task Changing_the_password_refuses_a_common_one_and_one_with_the_email()
    {
        var client = await portal.SignInAsync("doctor2@demo.local");

        var common = await ChangeAsync(client, "PASSWORD123456");
        var ownName = await ChangeAsync(client, "doctor2 on the ward");
        var fine = await ChangeAsync(client, "a quiet harbour morning");

        Assert.Contains(CommonPasswordValidator.Common, (await HtmlForms.ParseAsync(common)).Text());
        Assert.Contains(CommonPasswordValidator.ContainsEmail, (await HtmlForms.ParseAsync(ownName)).Text());
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.CreateClientWithoutRedirects().SignInAsync("doctor2@demo.local", "a quiet harbour morning")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_refuses_a_common_password_and_keeps_working_for_a_good_one()
    {
        string link;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("hospital2@demo.local"))!;
            link = await scope.ServiceProvider.GetRequiredService<AccountLinks>().ResetPasswordAsync(user);
        }

        var common = await AccountMail.ChoosePasswordAsync(portal, link, "Qwerty123456!");
        var ownName = await AccountMail.ChoosePasswordAsync(portal, link, "Hospital2 exchange office");
        var fine = await AccountMail.ChoosePasswordAsync(portal, link, "riverside evening walk");

        Assert.Contains(CommonPasswordValidator.Common, (await HtmlForms.ParseAsync(common)).Text());
        Assert.Contains(CommonPasswordValidator.ContainsEmail, (await HtmlForms.ParseAsync(ownName)).Text());
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetPageAsync("/Identity/Account/Register");
        var hospitalId = page.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        return await client.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dr. Test Person",
            ["Input.Email"] = email,
            ["Input.HospitalId"] = hospitalId,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string password)
    {
        var page = await client.GetPageAsync("/Identity/Account/Manage/ChangePassword");
        return await client.SubmitAsync(page, "#change-password-form", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = DemoData.Password,
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }
}
