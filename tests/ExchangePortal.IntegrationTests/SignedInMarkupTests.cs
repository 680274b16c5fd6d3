using ExchangePortal.Web;

namespace ExchangePortal.IntegrationTests;

/// <summary>The review queue's filters and links, written as plain markup for speed, keep the state and URLs tag helpers gave.</summary>
[Collection(PostgresCollection.Name)]
public class SignedInMarkupTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_queue_filter_keeps_every_chosen_option_selected_and_links_keep_their_urls()
    {
        var client = await portal.SignInAsync("coordinator@demo.local");
        var all = await client.GetPageAsync("/Coordinator");
        string FirstValue(string select) => all.Document.QuerySelectorAll($"#{select} option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var (cohort, lab, hospital) = (FirstValue("Filter_Cohort"), FirstValue("Filter_Lab"), FirstValue("Filter_Hospital"));
        var specialty = all.Document.QuerySelectorAll("#Filter_Specialty option").Select(o => o.TextContent).First(t => t != "Any specialty");

        var page = await client.GetPageAsync($"/Coordinator?Filter.Cohort={cohort}&Filter.Status=Offered&Filter.Lab={lab}" +
            $"&Filter.Hospital={hospital}&Filter.Specialty={Uri.EscapeDataString(specialty)}&Filter.Sort=Name");

        string? Selected(string select) => page.Document.QuerySelector($"#{select} option[selected]") is { } o ? o.GetAttribute("value") ?? o.TextContent : null;
        Assert.Equal(cohort, Selected("Filter_Cohort"));
        Assert.Equal("Offered", Selected("Filter_Status"));
        Assert.Equal(lab, Selected("Filter_Lab"));
        Assert.Equal(hospital, Selected("Filter_Hospital"));
        Assert.Equal(specialty, Selected("Filter_Specialty"));
        Assert.Equal("Name", Selected("Filter_Sort"));
        Assert.NotEmpty(all.Document.QuerySelectorAll("tbody tr td:first-child a"));
        Assert.All(all.Document.QuerySelectorAll("tbody tr td:first-child a"),
            a => Assert.Matches(@"^/Coordinator/Applications/\d+$", a.GetAttribute("href")));
        Assert.Contains(all.Document.QuerySelectorAll("a.text-decoration-none"), a => a.GetAttribute("href") == "/Coordinator?Filter.Status=Submitted");
        Assert.Contains(page.Document.QuerySelectorAll("a.text-decoration-none"),
            a => a.GetAttribute("href") == $"/Coordinator?Filter.Status=Offered&Filter.Cohort={cohort}");
        Assert.NotNull(all.Document.QuerySelector("header nav a[href='/Coordinator/Cohorts']"));
    }

    [Fact]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        var applied = new Npgsql.NpgsqlConnectionStringBuilder(PooledConnections.Tune("Host=db;Database=portal;Username=portal"));
        var explicitOff = new Npgsql.NpgsqlConnectionStringBuilder(PooledConnections.Tune("Host=db;Database=portal;Max Auto Prepare=0;No Reset On Close=false"));
        var explicitOther = new Npgsql.NpgsqlConnectionStringBuilder(PooledConnections.Tune("Host=db;MaxAutoPrepare=5"));

        Assert.Equal(PooledConnections.DefaultMaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal("portal", applied.Database);
        Assert.Equal(0, explicitOff.MaxAutoPrepare);
        Assert.False(explicitOff.NoResetOnClose);
        Assert.Equal(5, explicitOther.MaxAutoPrepare);
    }
}
