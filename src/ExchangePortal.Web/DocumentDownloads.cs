using ExchangePortal.Core.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web;

public static class DocumentDownloads
{
    /// <summary>A stored document as a download (or shown in the browser when asked and the type is safe to show); a
    /// document the user may not see is not found.</summary>
    public static IActionResult Download(this PageModel page, DocumentFile? file, bool inline = false) => file switch
    {
        null => page.NotFound(),
        _ when inline && file.ContentType is "application/pdf" or "image/png" or "image/jpeg" => page.File(file.Bytes, file.ContentType),
        _ => page.File(file.Bytes, file.ContentType, file.FileName),
    };
}
