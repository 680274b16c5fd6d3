using System.Net;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExchangePortal.IntegrationTests;

/// <summary>Behind the TLS proxy: what a listed proxy forwards is believed, what anyone else sends is not.</summary>
[Collection(PostgresCollection.Name)]
public class ProxyTests
{
    private const string Proxy = "10.1.0.5";
    private const string ProxyInNetwork = "10.2.3.4";
    private const string Stranger = "10.9.9.9";

    [Theory]
    [InlineData(Proxy, "https://portal.example.edu/calendar/")]
    [InlineData(ProxyInNetwork, "https://portal.example.edu/calendar/")]
    [InlineData(Stranger, "http://localhost/calendar/")]
    public async Task The_calendar_address_has_the_scheme_and_host_the_proxy_forwarded_only_from_a_listed_proxy(string peer, string expected)
    {
        await using var portal = new ProxiedPortalFactory();
        var client = await portal.SignInAsync("coordinator@demo.local");
        Forwarded(client, peer, "203.0.113.7");

        var page = await client.GetPageAsync("/Calendar");
        var response = await client.SubmitAsync(page, "#calendar-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await HtmlForms.ParseAsync(response)).QuerySelector("#feed-url")!.GetAttribute("value")!;
        Assert.StartsWith(expected, url);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_forwarded_client_and_a_stranger_cannot_pose_as_new_clients()
    {
        await using var portal = new ProxiedPortalFactory(formPostsPerMinute: 3);
        var first = portal.CreateClient(new() { AllowAutoRedirect = false });
        var second = portal.CreateClient(new() { AllowAutoRedirect = false });
        var stranger = portal.CreateClient(new() { AllowAutoRedirect = false });
        Forwarded(first, Proxy, "203.0.113.7");
        Forwarded(second, Proxy, "203.0.113.8");

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            firstStatuses.Add((await first.SignInAsync($"nobody{i}@example.edu", "wrong password")).StatusCode);
        var secondStatus = (await second.SignInAsync("nobody@example.edu", "wrong password")).StatusCode;
        var strangerStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A different X-Forwarded-For each time: from an unlisted address it must not open a new partition.
            Forwarded(stranger, Stranger, $"198.51.100.{i}");
            strangerStatuses.Add((await stranger.SignInAsync($"nobody{i}@example.edu", "wrong password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstStatuses);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], strangerStatuses);
    }

    [Fact]
    public async Task In_production_the_session_and_antiforgery_cookies_are_secure_host_only_cookies()
    {
        await using var portal = new ProductionProxiedPortalFactory();
        await portal.CreateAccountAsync("operator@example.edu", "a long enough passphrase");
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

        var login = await client.GetAsync("/Identity/Account/Login");
        var signedIn = await client.SignInAsync("operator@example.edu", "a long enough passphrase");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        var antiforgery = Assert.Single(cookies, c => c.StartsWith("__Host-Portal.Antiforgery=", StringComparison.Ordinal));
        var session = Assert.Single(cookies, c => c.StartsWith("__Host-Identity.Application=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, session })
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.Contains("httponly", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(cookies, c => c.StartsWith(".AspNetCore.", StringComparison.Ordinal) && !c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hsts_of_a_year_with_subdomains_is_sent_on_https_as_the_listed_proxy_forwards_it()
    {
        await using var portal = new ProductionProxiedPortalFactory();
        var client = portal.CreateClient(new() { BaseAddress = new Uri("http://portal.example.edu/") });
        Forwarded(client, Proxy, "203.0.113.7");

        var response = await client.GetAsync("/Labs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [InlineData(Stranger, "/Identity/Account/Login?ReturnUrl=%2FAdmin", "https://portal.test/Identity/Account/Login?ReturnUrl=%2FAdmin")]
    [InlineData(Stranger, "/Labs/caf%C3%A9", "https://portal.test/Labs/caf%C3%A9")]
    [InlineData(null, "/Coordinator", "https://portal.test/Coordinator")]
    public async Task In_production_plain_http_not_forwarded_by_a_listed_proxy_is_sent_to_the_public_https_address(string? peer, string path, string expected)
    {
        await using var portal = new ProductionProxiedPortalFactory();
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example.edu/") });
        if (peer is not null)
            Forwarded(client, peer, "203.0.113.7");

        var response = await client.GetAsync(path);
        var health = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.AbsoluteUri);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("http://portal.example.edu/", false)]
    [InlineData("http://127.0.0.1:5090/", true)]
    [InlineData("https://portal.example.edu/", true)]
    public async Task In_production_the_public_address_is_https_or_a_loopback_one(string publicUrl, bool starts)
    {
        await using var portal = new ProductionPortalAt(publicUrl);

        var start = Record.Exception(() => portal.Services);

        Assert.Equal(starts, start is null);
        if (!starts)
            Assert.Contains("Portal:PublicUrl", Assert.IsType<OptionsValidationException>(start).Message);
    }

    [Fact]
    public async Task The_benchmark_at_a_plain_http_loopback_address_signs_in_with_ordinary_cookies()
    {
        await using var portal = new ProductionPortalAt("http://127.0.0.1:5090/", seeded: true);
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://127.0.0.1:5090/") });

        var login = await client.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.DoesNotContain(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_kestrel_response_names_no_server()
    {
        await using var portal = new ProductionProxiedPortalFactory();
        portal.UseKestrel(0);
        portal.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(portal.ClientOptions.BaseAddress.ToString().Replace("https:", "http:", StringComparison.Ordinal)) };

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "nginx", "Proxy:KnownProxies")]
    [InlineData("Proxy:KnownNetworks:0", "172.30.10.0/99", "Proxy:KnownNetworks")]
    [InlineData("Proxy:KnownNetworks:0", "172.30.10.7", "Proxy:KnownNetworks")]
    public async Task A_proxy_setting_that_is_not_an_address_or_network_stops_the_start(string key, string value, string named)
    {
        await using var portal = new MisconfiguredPortal(key, value);

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services);

        Assert.Contains(named, refused.Message);
    }

    private static void Forwarded(HttpClient client, string peer, string forwardedFor)
    {
        foreach (var header in new[] { PeerAddress.Header, "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host" })
            client.DefaultRequestHeaders.Remove(header);
        client.DefaultRequestHeaders.Add(PeerAddress.Header, peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "portal.example.edu");
    }

    private static void ListProxies(IWebHostBuilder builder)
    {
        builder.UseSetting("Proxy:KnownProxies:0", Proxy);
        builder.UseSetting("Proxy:KnownNetworks:0", "10.2.0.0/16");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
    }

    private sealed class ProxiedPortalFactory(int formPostsPerMinute = 100_000) : PortalFactory
    {
        protected override int FormPostsPerMinute => formPostsPerMinute;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ListProxies(builder);
        }
    }

    private sealed class MisconfiguredPortal(string key, string value) : PortalFactory
    {
        protected override bool MigrateAndSeed => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }

    private sealed class ProductionPortalAt(string publicUrl, bool seeded = false) : ProductionPortalFactory
    {
        protected override bool MigrateAndSeed => seeded;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:PublicUrl", publicUrl);
        }
    }

    private sealed class ProductionProxiedPortalFactory : ProductionPortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ListProxies(builder);
        }

        public async Task CreateAccountAsync(string email, string password)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var result = await users.CreateAsync(new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Operator" }, password);
            Assert.True(result.Succeeded);
        }
    }

    /// <summary>Stands in for the network: the TCP peer's address, taken from a header the test sets (TestServer has none).</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public const string Header = "Test-Peer-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var peer))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware();
            });
            next(app);
        };
    }
}
