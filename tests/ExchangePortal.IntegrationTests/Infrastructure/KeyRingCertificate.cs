using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>A self-signed certificate for the key ring as a PEM pair in a temp folder, made once per test run.</summary>
public static class KeyRingCertificate
{
    private static readonly Lazy<(string Certificate, string Key)> Files = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("exchange-portal-keyring-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Exchange Portal key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var paths = (Path.Combine(folder, "keyring.crt"), Path.Combine(folder, "keyring.key"));
        File.WriteAllText(paths.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(paths.Item2, rsa.ExportPkcs8PrivateKeyPem());
        return paths;
    });

    public static string CertificatePath => Files.Value.Certificate;

    public static string KeyPath => Files.Value.Key;
}
