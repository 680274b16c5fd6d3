using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ExchangePortal.Web.Setup;

/// <summary>The Data Protection section: the certificate that encrypts the key ring in the database (docs/operations.md).</summary>
public sealed class KeyRingOptions
{
    /// <summary>A PKCS#12 file (.pfx, with <see cref="CertificatePassword"/>), or a PEM certificate with <see cref="CertificateKeyPath"/>.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Production without a certificate: start anyway, with a warning (keys readable by whoever reads the database).</summary>
    public bool AllowUnprotectedKeys { get; set; }

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    public X509Certificate2 LoadCertificate(string contentRoot)
    {
        var path = Path.GetFullPath(CertificatePath!, contentRoot);
        return string.IsNullOrWhiteSpace(CertificateKeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword)
            : X509Certificate2.CreateFromPemFile(path, Path.GetFullPath(CertificateKeyPath, contentRoot));
    }
}

public static class PortalKeyRing
{
    public const string Required = "DataProtection:CertificatePath must name the certificate that encrypts the key ring in Production "
        + "(docs/operations.md, \"Key ring\"), or DataProtection:AllowUnprotectedKeys must be true to run without one.";

    /// <summary>
    /// Encrypts each new key with the configured certificate before it is stored. Production refuses to start without one
    /// unless explicitly waived (checked at start, so the migration bundle, which builds the host without starting it, needs none).
    /// </summary>
    public static void ProtectPortalKeyRing(this WebApplicationBuilder builder, IDataProtectionBuilder dataProtection)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddSettings<KeyRingOptions>("DataProtection")
            .Validate(o => o.HasCertificate || o.AllowUnprotectedKeys || !production, Required);
        var keyRing = builder.Configuration.GetSection("DataProtection").Get<KeyRingOptions>() ?? new();
        if (keyRing.HasCertificate)
            dataProtection.ProtectKeysWithCertificate(keyRing.LoadCertificate(builder.Environment.ContentRootPath));
        else if (production)
            builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
    }
}

/// <summary>Says at every start that the waiver is in force (reached only when the start-time check let it through).</summary>
public sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("The Data Protection key ring is stored unencrypted (DataProtection:AllowUnprotectedKeys): set DataProtection:CertificatePath");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
