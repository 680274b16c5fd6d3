using System.Net;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Demo;
using ExchangePortal.Web.Setup;

namespace ExchangePortal.IntegrationTests;

/// <summary>The Identity pages the portal supports work, localized and CSP-clean; the others are a 404 for everyone.</summary>
[Collection(PostgresCollection.Name)]
public partial class IdentityPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> RemovedPages() => new(PortalIdentityPages.Removed.Select(p => "/Identity" + p));

    public static TheoryData<string> AnonymousPages() => new(
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResendEmailConfirmation", "/Identity/Account/ResetPassword?userId=x&code=y",
        "/Identity/Account/ConfirmEmail?userId=x&code=y", "/Identity/Account/ConfirmEmailChange?userId=x&email=a%40b.test&code=y");

    private static readonly string[] Manage =
        ["/Identity/Account/Manage", "/Identity/Account/Manage/Email", "/Identity/Account/Manage/ChangePassword", "/Identity/Account/Manage/Sessions",
            "/Identity/Account/Logout", "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Manage/EnableAuthenticator",
            "/Identity/Account/Reauthenticate"];

    public static TheoryData<string> ManagePages() => new(Manage);

    [Theory]
    [MemberData(nameof(RemovedPages))]
    public async Task An_unsupported_stock_page_is_a_404_for_everyone_whatever_the_method(string path)
    {
        var anonymous = portal.CreateClientWithoutRedirects();
        var signedIn = await portal.SignInAsync("doctor2@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task An_external_sign_in_with_an_unknown_provider_is_a_404_not_a_500()
    {
        var client = portal.CreateClientWithoutRedirects();

        var response = await client.PostAsync("/Identity/Account/ExternalLogin?returnUrl=%2F",
            new FormUrlEncodedContent([new("provider", "nope")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_account_pages_link_to_no_removed_page()
    {
        var client = await portal.SignInAsync("doctor2@demo.local");
        foreach (var path in Manage)
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("PersonalData", html);
            Assert.DoesNotContain("ExternalLogin", html);
            // Two-factor has pages of its own now; the stock ones it replaces stay unlinked.
            foreach (var removed in PortalIdentityPages.Removed)
                Assert.DoesNotMatch($"/Identity{Regex.Escape(removed)}[\"?]", html);
        }
    }

    [GeneratedRegex(@"\sstyle\s*=|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Inline();

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task An_anonymous_page_answers_in_chinese_without_inline_style_or_script(string path)
    {
        var client = portal.CreateClientWithoutRedirects();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(Inline(), html);
        var heading = (await HtmlForms.ParseAsync(response)).QuerySelector("h1")!.TextContent;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", heading);
    }

    [Theory]
    [MemberData(nameof(ManagePages))]
    public async Task A_manage_page_answers_in_chinese_without_inline_style_or_script(string path)
    {
        var client = await portal.SignInAsync("doctor2@demo.local");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch(Inline(), await response.Content.ReadAsStringAsync());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", (await HtmlForms.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("Input.RememberMe", "abc")]
    [InlineData("Input.RememberMe", "")]
    [InlineData("Input.RememberMe", "true,false,zzz")]
    public async Task A_malformed_remember_me_is_a_message_not_a_500(string field, string value)
    {
        var client = portal.CreateClientWithoutRedirects();
        var login = await client.GetPageAsync("/Identity/Account/Login");

        var response = await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "doctor2@demo.local",
            ["Input.Password"] = DemoData.Password,
            [field] = value,
        });

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK)
            Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#login-form"));
    }

    [Fact]
    public async Task A_malformed_privacy_checkbox_on_registration_is_a_message_not_a_500()
    {
        var client = portal.CreateClientWithoutRedirects();
        var register = await client.GetPageAsync("/Identity/Account/Register");

        var response = await client.SubmitAsync(register, "#register-form", new Dictionary<string, string> { ["Input.AcceptPrivacyNotice"] = "abc" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_signs_out_with_the_form()
    {
        var client = await portal.SignInAsync("doctor2@demo.local");
        var page = await client.GetPageAsync("/Identity/Account/Logout");

        var response = await client.SubmitAsync(page, "#logout-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Applicant")).StatusCode);
    }
}
