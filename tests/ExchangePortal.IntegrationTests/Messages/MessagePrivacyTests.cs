using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ExchangePortal.Core.Privacy;
using ExchangePortal.IntegrationTests.Privacy;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Messages;

/// <summary>The thread in the applicant's data download (never the notes), and gone with the applicant's erasure.</summary>
[Collection(PostgresCollection.Name)]
public class MessagePrivacyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_data_download_holds_the_messages_but_not_the_notes_and_an_erasure_removes_the_thread()
    {
        var (doctor, id) = await MessageWorld.SignedUpApplicantAsync(portal);
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        var applicant = await portal.SignInAsync(doctor.Email, Person.Password);
        var thread = await coordinator.GetPageAsync($"/Coordinator/Applications/{id}/Messages");
        await coordinator.SubmitAsync(thread, "#message-form", new Dictionary<string, string> { ["message.Text"] = "Your visa letter is ready." });
        await coordinator.SubmitAsync(thread, "#note-form", new Dictionary<string, string> { ["note.Text"] = "Called the embassy." });
        var own = await applicant.GetPageAsync($"/Applicant/Applications/{id}/Messages");
        await applicant.SubmitAsync(own, "#message-form", new Dictionary<string, string> { ["message.Text"] = $"Thank you, {doctor.Name}." });

        var response = await applicant.GetAsync("/Account/Privacy?handler=Download");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var json = JsonDocument.Parse(zip.GetEntry(PersonalDataExport.DataFile)!.Open());
        var application = json.RootElement.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == id);
        Assert.Equal(["Your visa letter is ready.", $"Thank you, {doctor.Name}."],
            application.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.DoesNotContain("Called the embassy.", json.RootElement.GetRawText());

        var erasure = await applicant.GetPageAsync("/Account/Erasure");
        Assert.Equal(HttpStatusCode.Redirect, (await applicant.SubmitAsync(erasure, "#erasure-request-form", new Dictionary<string, string>())).StatusCode);
        int requestId;
        await using (var db = portal.NewDbContext())
            requestId = await db.ErasureRequests.Where(r => r.UserId == doctor.UserId).Select(r => r.Id).SingleAsync();
        var admin = await portal.SignInAsync("admin@demo.local");
        var request = await admin.GetPageAsync($"/Admin/Privacy/Request/{requestId}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(request, "#carry-out-form",
            new Dictionary<string, string> { ["CarryOut.Confirmed"] = "true" })).StatusCode);

        await using var check = portal.NewDbContext();
        Assert.Equal(0, await check.ApplicationMessages.CountAsync(m => m.ApplicationId == id));
        Assert.DoesNotContain(await PrivacyWorld.FindInDatabaseAsync(portal.ConnectionString, doctor.Identifiers), h => h.StartsWith("ApplicationMessages"));
    }
}
