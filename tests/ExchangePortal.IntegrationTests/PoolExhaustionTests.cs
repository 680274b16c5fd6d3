using System.Diagnostics;
using System.Net;
using ExchangePortal.Web;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ExchangePortal.IntegrationTests;

/// <summary>When every pooled connection is busy, a request waits the pool's Timeout at most and gets a 503; it never hangs.</summary>
[Collection(PostgresCollection.Name)]
public class PoolExhaustionTests
{
    private const int PoolSize = 3;
    private const int WaitSeconds = 2;

    [Fact]
    public async Task Requests_beyond_the_pool_get_a_503_with_retry_after_in_bounded_time_and_the_portal_recovers_at_once()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Shared.CreateDatabase())
        { MaxPoolSize = PoolSize, Timeout = WaitSeconds }.ConnectionString;
        await using var portal = new SmallPoolPortal(connectionString);
        var client = await portal.SignInAsync("coordinator@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Coordinator")).StatusCode);

        // A burst many times the pool: each answer is a page or a 503 asking to retry, and none waits much past the pool's Timeout.
        var burst = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => TimedGetAsync(client, "/Coordinator")));
        Assert.All(burst, answer => Assert.True(answer.Status == HttpStatusCode.OK || IsRetryableOutage(answer),
            $"{answer.Status} {answer.RetryAfter}"));
        // EF opens a connection per query, so a page of several queries may wait more than once: bounded, not by one Timeout.
        Assert.All(burst, answer => Assert.InRange(answer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(WaitSeconds * 6)));

        // Every connection taken (by the same process's pool, as long requests would): all wait out the Timeout, then 503.
        var held = new List<NpgsqlConnection>();
        for (var i = 0; i < PoolSize; i++)
        {
            var connection = new NpgsqlConnection(PooledConnections.Tune(connectionString));
            await connection.OpenAsync();
            held.Add(connection);
        }
        var starved = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TimedGetAsync(client, "/Coordinator")));
        foreach (var connection in held)
            await connection.DisposeAsync();
        var recovered = await TimedGetAsync(client, "/Coordinator");

        Assert.All(starved, answer => Assert.True(IsRetryableOutage(answer), $"{answer.Status} {answer.RetryAfter}"));
        Assert.All(starved, answer => Assert.InRange(answer.Elapsed, TimeSpan.FromSeconds(WaitSeconds - 0.5), TimeSpan.FromSeconds(WaitSeconds * 4)));
        Assert.Contains("cannot reach its database", starved[0].Body);
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.InRange(recovered.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(WaitSeconds / 2.0));
        Assert.True(portal.Logs.Errors().Count == 0, LogEvents.Describe(portal.Logs.Errors()));
    }

    private static bool IsRetryableOutage(Answer answer) =>
        answer.Status == HttpStatusCode.ServiceUnavailable && answer.RetryAfter == TimeSpan.FromSeconds(DatabaseErrors.RetryAfterSeconds);

    private static async Task<Answer> TimedGetAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Headers.RetryAfter?.Delta, clock.Elapsed, body);
    }

    private sealed record Answer(HttpStatusCode Status, TimeSpan? RetryAfter, TimeSpan Elapsed, string Body);

    private sealed class SmallPoolPortal(string connectionString) : PortalFactory(connectionString)
    {
        public LogEvents Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Logs.AddTo(builder);
        }
    }
}
