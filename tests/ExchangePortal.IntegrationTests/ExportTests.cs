using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

[Collection(PostgresCollection.Name)]
public class ExportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Applications_export_as_csv_filtered_and_formula_safe()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        await db.Doctors.Where(d => d.Email == "doctor07@demo.local")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FullName, "=HYPERLINK(\"http://evil\")"));
        var offered = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Offered);

        var all = await admin.GetAsync("/Admin/Exports?handler=Applications");
        var filtered = await admin.GetAsync("/Admin/Exports?handler=Applications&status=Offered");
        var milestones = await admin.GetAsync("/Admin/Exports?handler=Milestones");

        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var allText = await all.Content.ReadAsStringAsync();
        Assert.Equal(await db.Applications.CountAsync() + 1, allText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(",=HYPERLINK", allText);
        Assert.Contains("HYPERLINK", allText);
        Assert.Equal(offered + 1, (await filtered.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Annual review of the cooperation", await milestones.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_administrators_export()
    {
        var coordinator = await portal.SignInAsync("coordinator@demo.local");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Admin/Exports?handler=Applications")).StatusCode);
    }
}
