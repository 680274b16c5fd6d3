using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using ExchangePortal.Web;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Security;

/// <summary>Uploaded bytes are never rendered as the portal's own page: a download, or a sandboxed preview, never sniffed.</summary>
[Collection(PostgresCollection.Name)]
public class DocumentResponseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_document_endpoint_answers_an_attachment_and_the_preview_is_sandboxed()
    {
        var (applicationId, documentId, owner, agreementId, agreementDocumentId) = await ArrangeAsync();
        var downloads = new Dictionary<string, string>
        {
            [owner] = $"/Applicant/Applications/{applicationId}/Documents?handler=File&documentId={documentId}",
            ["hospital@demo.local"] = $"/Hospital/Applications/{applicationId}?handler=Document&documentId={documentId}",
            ["coordinator@demo.local"] = $"/Coordinator/Applications/{applicationId}?handler=Document&documentId={documentId}&download=true",
            ["admin@demo.local"] = $"/Admin/Agreements/{agreementId}/Documents?handler=File&documentId={agreementDocumentId}",
        };

        foreach (var (email, path) in downloads)
        {
            var response = await (await portal.SignInAsync(email)).GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} {path}: {response.StatusCode}");
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
        var preview = await (await portal.SignInAsync("coordinator@demo.local"))
            .GetAsync($"/Coordinator/Applications/{applicationId}?handler=Document&documentId={documentId}");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(DocumentDownloads.PreviewPolicy, Assert.Single(preview.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(preview.Headers.GetValues("X-Content-Type-Options")));
    }

    private async Task<(int, Guid, string, int, Guid)> ArrangeAsync()
    {
        await using var db = portal.NewDbContext();
        var hospitalId = await db.Users.Where(u => u.Email == "hospital@demo.local").Select(u => u.HospitalId).SingleAsync();
        var document = await db.Documents
            .Where(d => d.Application!.Status != ApplicationStatus.Draft && d.Application.Doctor.HospitalId == hospitalId
                && d.ContentType == "application/pdf")
            .Select(d => new { d.Id, ApplicationId = d.ApplicationId!.Value, d.Application!.Doctor.UserId })
            .FirstAsync();
        var owner = await db.Users.Where(u => u.Id == document.UserId).Select(u => u.Email!).SingleAsync();
        var agreement = await db.Agreements.FirstAsync();
        var adminId = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
        var signed = new StoredDocument(DocumentKind.SignedAgreement, "signed.pdf", "application/pdf", "%PDF-1.7\n%%EOF"u8.ToArray(),
            adminId, DateTimeOffset.UtcNow);
        signed.AttachTo(agreement);
        db.Documents.Add(signed);
        await db.SaveChangesAsync();
        return (document.ApplicationId, document.Id, owner, agreement.Id, signed.Id);
    }
}
