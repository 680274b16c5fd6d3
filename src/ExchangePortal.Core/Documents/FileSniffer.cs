namespace ExchangePortal.Core.Documents;

/// <summary>Tells a file's type from its first bytes; the name and the browser's claimed type are never trusted.</summary>
internal static class FileSniffer
{
    private static readonly (byte[] Magic, string ContentType, string Extension)[] Allowed =
    [
        ("%PDF-"u8.ToArray(), "application/pdf", ".pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", ".png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg", ".jpg"),
    ];

    /// <returns>The content type and extension, or null when the bytes are not a PDF, PNG or JPEG.</returns>
    public static (string ContentType, string Extension)? Detect(ReadOnlySpan<byte> bytes)
    {
        foreach (var (magic, contentType, extension) in Allowed)
        {
            if (bytes.StartsWith(magic))
                return (contentType, extension);
        }
        return null;
    }
}
