using System.Net;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class HealthAndErrorTests
{
    [Fact]
    public async Task Ready_turns_503_when_the_database_stops_and_recovers_by_itself_when_it_returns()
    {
        using var server = PostgresServer.StartThrowaway();
        await using var portal = new OwnServerFactory(server);
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        server.Stop();
        var whileDown = await client.GetAsync("/health/ready");
        var liveWhileDown = await client.GetAsync("/health/live");
        var pageWhileDown = await client.GetPageAsync("/");
        server.Start();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pageWhileDown.Response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), pageWhileDown.Response.Headers.RetryAfter?.Delta);
        Assert.Contains("cannot reach its database", pageWhileDown.Document.Text());
        var outage = Assert.Single(portal.Logs.All, e => LogEvents.Property(e, "DatabaseProblem") == "Outage");
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, outage.Level);
        // Only the health check reports the outage as an error (that is what monitoring watches); the page does not.
        var errors = portal.Logs.Errors().Where(e => LogEvents.Property(e, "SourceContext")?.Contains("HealthCheck") != true).ToList();
        Assert.True(errors.Count == 0, LogEvents.Describe(errors));
        Assert.DoesNotContain(" at ", pageWhileDown.Document.Text().Replace("Nothing you did", ""));
        var last = "";
        Assert.True(await EventuallyAsync(async () =>
        {
            var response = await client.GetAsync("/health/ready");
            last = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }), $"ready did not recover after the database came back: {last}");
    }

    [Fact]
    public async Task Ready_is_503_while_migrations_are_pending()
    {
        await using var portal = new UnmigratedFactory();

        var response = await portal.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Production_shows_a_friendly_error_page_never_a_stack_trace()
    {
        await using var portal = new ProductionPortalFactory();
        var client = portal.CreateClient();

        var missing = await client.GetPageAsync("/Labs/424242");
        var badForm = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("Page not found", missing.Document.Text());
        Assert.Equal(HttpStatusCode.BadRequest, badForm.StatusCode);
        var body = await badForm.Content.ReadAsStringAsync();
        Assert.Contains("That request could not be handled", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("200")]
    [InlineData("1000")]
    public async Task The_error_page_answers_only_with_an_error_status_whatever_code_it_is_asked_for(string code)
    {
        await using var portal = new ProductionPortalFactory();
        var client = portal.CreateClient();

        var response = await client.GetAsync($"/Error?code={code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the page itself, not a status made up by the visitor
        Assert.Contains("Something went wrong", await response.Content.ReadAsStringAsync());
    }

    // Polls a condition that the app reaches on its own (reconnecting), instead of sleeping a fixed time.
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(200);
        }
        return false;
    }

    private sealed class OwnServerFactory(PostgresServer server) : ProductionPortalFactory(server.CreateDatabase())
    {
        public LogEvents Logs { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Logs.AddTo(builder);
        }
    }

    private sealed class UnmigratedFactory : PortalFactory
    {
        protected override bool MigrateAndSeed => false;
    }
}
