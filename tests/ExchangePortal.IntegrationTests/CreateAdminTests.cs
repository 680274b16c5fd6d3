using System.Net;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>Going live, step one: in Production on an empty database, create-admin → set the password from the link → /Admin.</summary>
[Collection(PostgresCollection.Name)]
public class CreateAdminTests
{
    internal sealed class ProductionEmailPortal(int smtpPort) : ProductionPortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:PickupFolder", "");
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(PortalFactory portal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PortalCommands.RunAsync(portal.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_first_administrator_sets_a_password_from_the_emailed_link_once_and_lands_on_admin()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new ProductionEmailPortal(smtp.Port);
        await using (var db = portal.NewDbContext())
            Assert.Equal(0, await db.Users.CountAsync());

        var (code, output, _) = await RunAsync(portal, "create-admin", "--email", "it.office@university.test", "--name", "IT Office");

        Assert.Equal(0, code);
        await AccountMail.DispatchAsync(portal);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("it.office@university.test", message.To.Mailboxes.Single().Address);
        var link = EmailLinkTests.LinkIn(message);
        Assert.Contains(link, output);
        Assert.StartsWith(PortalFactory.PublicUrl + "Identity/Account/ResetPassword?", link);
        var anonymous = portal.CreateClientWithoutRedirects();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SignInAsync("it.office@university.test", "")).StatusCode);

        var set = await AccountMail.ChoosePasswordAsync(portal, link, "the first administrator's passphrase");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var client = portal.CreateClientWithoutRedirects();
        var signedIn = await client.SignInAsync("it.office@university.test", "the first administrator's passphrase");

        Assert.Equal("/Admin", signedIn.Headers.Location!.OriginalString);
        // Never having consented, the administrator meets the privacy notice first, then the dashboard.
        Assert.StartsWith("/Account/Notice", (await client.GetAsync("/Admin")).Headers.Location!.OriginalString);
        await Accounts.Inviting.AcceptNoticeAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin")).StatusCode);
        await using (var db = portal.NewDbContext())
            Assert.True(await db.Users.Where(u => u.Email == "it.office@university.test").Select(u => u.EmailConfirmed).SingleAsync());
        var again = await AccountMail.ChoosePasswordAsync(portal, link, "someone else's passphrase now");
        Assert.Contains("This link does not work any more", (await HtmlForms.ParseAsync(again)).Text());
    }

    [Fact]
    public async Task An_existing_address_or_a_missing_email_is_refused_and_changes_nothing()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new ProductionEmailPortal(smtp.Port);
        Assert.Equal(0, (await RunAsync(portal, "create-admin", "--email", "admin@university.test")).Code);

        var twice = await RunAsync(portal, "create-admin", "--email", "admin@university.test");
        var usage = await RunAsync(portal, "create-admin");
        var malformed = await RunAsync(portal, "create-admin", "--email", "not an address");

        Assert.Equal(1, twice.Code);
        Assert.Contains("exists already", twice.Error);
        Assert.Equal(2, usage.Code);
        Assert.Equal(2, malformed.Code);
        await using var db = portal.NewDbContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == "account.set-password"));
        Assert.Equal(1, await db.UserRoles.CountAsync());
    }
}
