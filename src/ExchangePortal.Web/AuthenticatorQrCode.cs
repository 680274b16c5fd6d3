using QRCoder;

namespace ExchangePortal.Web;

/// <summary>The authenticator key's QR code as a PNG data URI: an image made on the server, so the CSP needs no script.</summary>
public static class AuthenticatorQrCode
{
    public static string DataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The key in groups of four, easier to type into an app.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));
}
