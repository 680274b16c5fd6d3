using System.Net;
using ExchangePortal.Tools;
using ExchangePortal.Web.Pages.Bench;
using Microsoft.AspNetCore.Hosting;

namespace ExchangePortal.IntegrationTests;

/// <summary>The portal with the benchmark baseline switched on, as scripts/bench.sh runs it.</summary>
public sealed class BenchmarkPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Benchmark:Enabled", "true");
    }
}

[Collection(PostgresCollection.Name)]
public class BenchmarkBaselineTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_fortunes_baseline_is_not_found_unless_the_benchmark_is_enabled()
    {
        var response = await portal.CreateClient().GetAsync("/bench/fortunes");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(PostgresCollection.Name)]
public class BenchmarkBaselineEnabledTests(BenchmarkPortalFactory portal) : IClassFixture<BenchmarkPortalFactory>
{
    [Fact]
    public async Task The_fortunes_baseline_lists_the_12_fortunes_and_the_one_added_at_request_time_sorted_and_escaped()
    {
        await using (var db = portal.NewDbContext())
        {
            // As the tool does on every seed: creating the table twice keeps its 12 rows.
            await FortunesTable.CreateAsync(db);
            await FortunesTable.CreateAsync(db);
        }
        var client = portal.CreateClient();
        var response = await client.GetAsync("/bench/fortunes");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var rows = page.QuerySelectorAll("tr").Skip(1).Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(13, rows.Count);
        var messages = rows.Select(r => r[1]).ToList();
        Assert.Equal(messages.Order(StringComparer.Ordinal), messages);
        Assert.Contains(Fortunes.AddedAtRequestTime, messages);
        Assert.Contains("フレームワークのベンチマーク", messages);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains("&lt;script&gt;", html);
        Assert.Equal("0", rows.Single(r => r[1] == Fortunes.AddedAtRequestTime)[0]);
    }
}
