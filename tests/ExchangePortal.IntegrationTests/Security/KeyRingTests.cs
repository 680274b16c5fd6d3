using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace ExchangePortal.IntegrationTests.Security;

/// <summary>In Production the key ring in the database is encrypted with the configured certificate, or the portal does not start.</summary>
[Collection(PostgresCollection.Name)]
public class KeyRingTests
{
    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_another_instance_reads_them()
    {
        var database = PostgresServer.Shared.CreateDatabase();
        await using var first = new KeyRingPortal(database);
        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a session");

        await using var db = first.NewDbContext();
        var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())!;
        await using var second = new KeyRingPortal(database);

        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<masterKey", xml);
        Assert.DoesNotContain("unencrypted", xml);
        Assert.Equal("a session", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public async Task Without_a_certificate_or_the_waiver_production_refuses_to_start()
    {
        await using var portal = new KeyRingPortal(PostgresServer.Shared.CreateDatabase(), certificate: false);

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services);

        Assert.Contains(PortalKeyRing.Required, refused.Message);
    }

    [Fact]
    public async Task The_waiver_starts_production_with_unencrypted_keys_and_a_warning()
    {
        await using var portal = new KeyRingPortal(PostgresServer.Shared.CreateDatabase(), certificate: false, waived: true);
        portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a session");

        await using var db = portal.NewDbContext();
        Assert.DoesNotContain("EncryptedData", Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())!);
        Assert.Contains(portal.Logs.All, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("DataProtection:AllowUnprotectedKeys"));
    }

    private sealed class KeyRingPortal(string connectionString, bool certificate = true, bool waived = false)
        : ProductionPortalFactory(connectionString)
    {
        public LogEvents Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Logs.AddTo(builder);
            if (!certificate)
                builder.UseSetting("DataProtection:CertificatePath", "");
            builder.UseSetting("DataProtection:AllowUnprotectedKeys", waived ? "true" : "false");
        }
    }
}
