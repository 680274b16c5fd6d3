using System.Net;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExchangePortal.IntegrationTests;

/// <summary>Every link in an email is absolute, under Portal:PublicUrl, and opens the page it names for its recipient.</summary>
[Collection(PostgresCollection.Name)]
public partial class EmailLinkTests
{
    [GeneratedRegex(@"(?<![\w/])(https?://\S+|/[A-Z][\w/]*)")]
    private static partial Regex Link();

    /// <summary>Every link in a message (absolute or a bare path), for asserting that none is relative.</summary>
    public static IReadOnlyList<string> LinksIn(string text) => Link().Matches(text).Select(m => m.Value).ToList();

    public static string LinkIn(MimeMessage message) =>
        Assert.Single(LinksIn(message.TextBody ?? ""), l => l.StartsWith(PortalFactory.PublicUrl, StringComparison.Ordinal));

    [Fact]
    public async Task A_status_email_links_to_the_application_and_the_link_opens_it_for_the_applicant()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var portal = new EmailPortalFactory(smtp.Port);
        var hospital = await portal.SignInAsync("hospital@demo.local");
        var doctor = await portal.SignInAsync("doctor2@demo.local");
        int id;
        await using (var db = portal.NewDbContext())
            id = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).SingleAsync();

        var endorsed = await hospital.SubmitAsync(await hospital.GetPageAsync($"/Hospital/Applications/{id}"), "#endorse-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, endorsed.StatusCode);
        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var message = Assert.Single(smtp.Messages);
        Assert.All(LinksIn(message.TextBody ?? ""), l => Assert.StartsWith(PortalFactory.PublicUrl, l));
        var link = new Uri(LinkIn(message));
        Assert.Equal($"/Applicant/Applications/{id}", link.AbsolutePath);
        var page = await doctor.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private sealed class ProductionWithout(string? publicUrl) : ProductionPortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:PublicUrl", publicUrl);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("exchange.example.org")]
    [InlineData("ftp://exchange.example.org/")]
    public async Task Outside_development_the_portal_does_not_start_without_an_absolute_public_address(string publicUrl)
    {
        await using var portal = new ProductionWithout(publicUrl);

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services);

        Assert.Contains("Portal:PublicUrl", refused.Message);
    }
}
