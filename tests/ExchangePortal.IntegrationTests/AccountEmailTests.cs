using System.Net;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ExchangePortal.IntegrationTests;

/// <summary>
/// Account emails go through the outbox to a real SMTP server, in the person's language, with absolute single-use links;
/// the anonymous pages answer the same for an address with an account and one without.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class AccountEmailTests
{
    private const string Known = "doctor2@demo.local";
    private const string Unknown = "nobody-here@demo.local";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryToken();

    [Theory]
    [InlineData("/Identity/Account/ForgotPassword", "#forgot-password-form")]
    [InlineData("/Identity/Account/ResendEmailConfirmation", "#resend-confirmation-form")]
    public async Task A_known_and_an_unknown_address_get_byte_identical_answers(string path, string form)
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        await using (var db = portal.NewDbContext())
            await db.Users.Where(u => u.Email == Known).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false));

        async Task<(HttpStatusCode, string?, string)> AskAsync(string email)
        {
            var client = portal.CreateClientWithoutRedirects();
            var posted = await client.SubmitAsync(await client.GetPageAsync(path), form, new Dictionary<string, string> { ["Input.Email"] = email });
            var shown = await (await client.GetAsync(posted.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
            return (posted.StatusCode, posted.Headers.Location?.OriginalString, AntiforgeryToken().Replace(shown, ""));
        }

        var known = await AskAsync(Known);
        var unknown = await AskAsync(Unknown);

        Assert.Equal(HttpStatusCode.Redirect, known.Item1);
        Assert.Equal(known, unknown);
        await AccountMail.DispatchAsync(portal);
        var sent = Assert.Single(smtp.Messages);
        Assert.Equal(Known, sent.To.Mailboxes.Single().Address);
        Assert.DoesNotContain(Unknown, known.Item3 + unknown.Item3);
    }

    [Fact]
    public async Task A_reset_link_is_absolute_works_once_and_a_second_use_is_refused_with_a_message()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var link = await AccountMail.RequestResetAsync(portal, smtp, Known);
        Assert.StartsWith(PortalFactory.PublicUrl + "Identity/Account/ResetPassword?userId=", link);

        var first = await AccountMail.ChoosePasswordAsync(portal, link, "a brand new passphrase");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/Identity/Account/Login", first.Headers.Location!.OriginalString);
        var second = await AccountMail.ChoosePasswordAsync(portal, link, "another new passphrase");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync(second)).Text());
        var client = portal.CreateClientWithoutRedirects();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(Known, "a brand new passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(Known, "another new passphrase")).StatusCode);
    }

    [Fact]
    public async Task An_expired_reset_link_is_refused_with_a_message()
    {
        await using var smtp = SmtpTestServer.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new EmailPortalFactory(smtp.Port, time: time);
        var link = await AccountMail.RequestResetAsync(portal, smtp, Known);

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var expired = await AccountMail.ChoosePasswordAsync(portal, link, "a brand new passphrase");

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync(expired)).Text());
        var client = portal.CreateClientWithoutRedirects();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(Known, DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task The_reset_email_is_in_the_persons_language()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        await using (var db = portal.NewDbContext())
            await db.Users.Where(u => u.Email == Known).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "zh-Hans"));

        await AccountMail.RequestResetAsync(portal, smtp, Known);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal("重设您的密码", message.Subject);
        Assert.Contains("学术交流平台", message.TextBody);
    }

    [Fact]
    public async Task A_new_address_is_confirmed_from_its_link_and_becomes_the_sign_in_name_and_the_applicants_address()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var client = await portal.SignInAsync(Known);
        const string newEmail = "doctor2.new@hospital.test";

        var asked = await client.SubmitAsync(await client.GetPageAsync("/Identity/Account/Manage/Email"), "#change-email-form",
            new Dictionary<string, string> { ["Input.Email"] = newEmail });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        await AccountMail.DispatchAsync(portal);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal(newEmail, message.To.Mailboxes.Single().Address);
        var link = new Uri(EmailLinkTests.LinkIn(message));

        var confirmed = await client.SubmitAsync(await client.GetPageAsync(link.PathAndQuery), "#confirm-email-change-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var fresh = portal.CreateClientWithoutRedirects();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(newEmail, DemoData.Password)).StatusCode);
        await using var check = portal.NewDbContext();
        Assert.Equal(newEmail, await check.Doctors.Where(d => d.User.Email == newEmail).Select(d => d.Email).SingleAsync());
        var again = await client.SubmitAsync(await client.GetPageAsync(link.PathAndQuery), "#confirm-email-change-form", new Dictionary<string, string>());
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync(again)).Text());
    }

    [Fact]
    public async Task Registration_emails_a_link_that_confirms_the_address_once()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var client = await AccountMail.RegisterAsync(portal, "new.comer@hospital.test", "Dr. New Comer");
        await AccountMail.DispatchAsync(portal);
        var link = new Uri(EmailLinkTests.LinkIn(Assert.Single(smtp.Messages)));
        Assert.Equal("/Identity/Account/ConfirmEmail", link.AbsolutePath);

        var confirmed = await client.SubmitAsync(await client.GetPageAsync(link.PathAndQuery), "#confirm-email-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var db = portal.NewDbContext();
        Assert.True(await db.Users.Where(u => u.Email == "new.comer@hospital.test").Select(u => u.EmailConfirmed).SingleAsync());
    }
}

/// <summary>Asking for account emails and following their links, as a person would.</summary>
public static class AccountMail
{
    public static async Task<string> RequestResetAsync(PortalFactory portal, SmtpTestServer smtp, string email)
    {
        var client = portal.CreateClientWithoutRedirects();
        var asked = await client.SubmitAsync(await client.GetPageAsync("/Identity/Account/ForgotPassword"), "#forgot-password-form",
            new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        await AccountMail.DispatchAsync(portal);
        return EmailLinkTests.LinkIn(smtp.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == email)));
    }

    public static async Task<HttpResponseMessage> ChoosePasswordAsync(PortalFactory portal, string link, string password)
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);
        return await client.SubmitAsync(page, "#reset-password-form", new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }

    /// <summary>Registers through the form with the first hospital listed; returns the registered (signed-in) client.</summary>
    public static async Task<HttpClient> RegisterAsync(PortalFactory portal, string email, string fullName, string password = "a long enough passphrase")
    {
        var client = portal.CreateClientWithoutRedirects();
        var register = await client.GetPageAsync("/Identity/Account/Register");
        var hospital = register.Document.QuerySelectorAll("#Input_HospitalId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var registered = await client.SubmitAsync(register, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = fullName,
            ["Input.Email"] = email,
            ["Input.HospitalId"] = hospital,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return client;
    }

    public static async Task DispatchAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }
}
