using System.Net;
using ExchangePortal.Core.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class PublicPageCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Labs")]
    [InlineData("/Labs?q=stroke")]
    public async Task An_anonymous_visitor_gets_the_public_pages_from_the_cache_without_a_cookie(string path)
    {
        var client = portal.CreateClient();
        await portal.EvictCachesAsync();

        var first = await client.GetAsync(path);
        portal.Sql.Reset();
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(0, portal.Sql.Count);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_cache_keeps_languages_and_searches_apart_and_never_serves_a_signed_in_user()
    {
        await portal.EvictCachesAsync();
        var anonymous = portal.CreateClient();
        await anonymous.GetAsync("/Labs");

        var stroke = await anonymous.GetPageAsync("/Labs?q=stroke");
        var chinese = new HttpRequestMessage(HttpMethod.Get, "/Labs");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var inChinese = await (await anonymous.SendAsync(chinese)).Content.ReadAsStringAsync();
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        portal.Sql.Reset();
        var signedIn = await coordinator.GetPageAsync("/Labs");

        Assert.Single(stroke.Document.QuerySelectorAll("article"));
        Assert.Contains("lang=\"zh-Hans\"", inChinese);
        Assert.True(portal.Sql.Count > 0);
        Assert.Contains("coordinator@demo.local", signedIn.Document.Text());
    }

    [Fact]
    public async Task A_coordinator_changing_a_cohort_shows_on_the_home_page_at_once()
    {
        await portal.EvictCachesAsync();
        var anonymous = portal.CreateClient();
        await anonymous.GetAsync("/");
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Where(c => c.Status == CohortStatus.Open).Select(c => c.Id).SingleAsync();
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        var edit = await coordinator.GetPageAsync($"/Coordinator/Cohorts/Edit/{cohortId}");
        var saved = await coordinator.SubmitAsync(edit, "#cohort-form",
            new Dictionary<string, string> { ["Input.Name"] = "Renamed cohort for the cache test" });
        var home = await anonymous.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Renamed cohort for the cache test", home.Document.Text());
    }
}
