using System.Net;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class RateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_a_friendly_429()
    {
        await using var portal = new StrictPortalFactory();
        var client = portal.CreateClientWithoutRedirects();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.SignInAsync("doctor@demo.local", "wrong password " + i)).StatusCode);
        var page = await client.GetPageAsync("/Identity/Account/Login");
        var limited = await client.SubmitAsync(page, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "doctor@demo.local",
            ["Input.Password"] = "Portal-Demo-2026",
        });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Guessing_calendar_feed_tokens_from_one_address_gets_a_429()
    {
        await using var portal = new StrictPortalFactory();
        var client = portal.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.GetAsync($"/calendar/{i:x48}.ics")).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Guessing_certificate_codes_or_posting_evaluations_from_one_address_gets_a_429()
    {
        await using var portal = new StrictPortalFactory();
        var client = portal.CreateClientWithoutRedirects();

        var checks = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            checks.Add((await client.GetAsync($"/Verify/0000-0000-0000-000{i}")).StatusCode);
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            posts.Add((await client.PostAsync($"/Evaluation/guess{i}", new FormUrlEncodedContent([]))).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], checks);
        Assert.Equal(HttpStatusCode.TooManyRequests, posts[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, posts.Take(3));
    }

    private sealed class StrictPortalFactory : PortalFactory
    {
        protected override int FormPostsPerMinute => 3;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:CalendarFeedsPerMinute", "3");
            builder.UseSetting("RateLimits:CodeChecksPerMinute", "3");
        }
    }
}
