using ExchangePortal.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ExchangePortal.Web;

public static class DocumentDownloads
{
    /// <summary>The policy of a document shown in the browser: a sandbox (no script, no access to the portal's origin).</summary>
    public const string PreviewPolicy = "sandbox";

    private static readonly object PreviewKey = new();

    /// <summary>This response is a document preview: <see cref="Setup.PortalPipeline.UsePortalSecurityHeaders"/> sends <see cref="PreviewPolicy"/>.</summary>
    public static bool IsPreview(HttpContext context) => context.Items.ContainsKey(PreviewKey);

    /// <summary>
    /// A stored document as a download (Content-Disposition: attachment), or shown in the browser when asked and the type
    /// is safe to show, then sandboxed, whatever the uploaded bytes hold; never sniffed. A document the user may not see is
    /// not found.
    /// </summary>
    public static IActionResult Download(this PageModel page, DocumentFile? file, bool inline = false)
    {
        if (file is null)
            return page.NotFound();
        var headers = page.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (!inline || file.ContentType is not ("application/pdf" or "image/png" or "image/jpeg"))
            return page.File(file.Bytes, file.ContentType, file.FileName);
        page.HttpContext.Items[PreviewKey] = true;
        headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = file.FileName }.ToString();
        return page.File(file.Bytes, file.ContentType);
    }
}
