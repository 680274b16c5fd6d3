using ExchangePortal.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>The portal over its own fresh database (migrated and seeded with demo data), through the real pipeline.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory() : this(PostgresServer.Shared.CreateDatabase())
    {
    }

    protected PortalFactory(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public SqlStatementCounter Sql { get; } = new();

    /// <summary>This factory's own mail pickup folder (created when the first mail is written), never the checkout's .local/mail.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"portal-mail-{Guid.NewGuid():N}");

    protected virtual string EnvironmentName => "Development";

    /// <summary>The portal's public address in tests: every link in an email starts with it.</summary>
    public const string PublicUrl = "https://portal.test/";

    protected virtual bool MigrateAndSeed => true;

    /// <summary>High by default: one test client signs in far more often than a person could.</summary>
    protected virtual int FormPostsPerMinute => 100_000;

    /// <summary>
    /// Off by default: each authenticator code works once, so the many sign-ins of the demo staff in tests could not all
    /// give a code. The two-factor tests switch it on (docs/security.md).
    /// </summary>
    protected virtual bool RequireStaffTwoFactor => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Security:RequireStaffTwoFactor", RequireStaffTwoFactor ? "true" : "false");
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", MigrateAndSeed ? "true" : "false");
        builder.UseSetting("Demo:Seed", MigrateAndSeed ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Portal:PublicUrl", PublicUrl);
        builder.UseSetting("Offers:LapseEnabled", "false");
        builder.UseSetting("Reminders:Enabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Email:PickupFolder", MailFolder);
        builder.UseSetting("RateLimits:FormPostsPerMinute", FormPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // No background sender unless a test asks for one (EmailPortalFactory).
        builder.UseSetting("Email:Enabled", "false");
        if (EnvironmentName == "Production")
        {
            // Production refuses to start with an unencrypted key ring.
            builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificate.CertificatePath);
            builder.UseSetting("DataProtection:CertificateKeyPath", KeyRingCertificate.KeyPath);
        }
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(Sql)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
            Directory.Delete(MailFolder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that does not follow redirects, at the factory's own address (https for Production, whose cookies are Secure).</summary>
    public HttpClient CreateClientWithoutRedirects() =>
        CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>Drops what the portal keeps for many requests: the public pages' output cache and the data kept until the next change.</summary>
    public async Task EvictCachesAsync()
    {
        await Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
            .EvictByTagAsync(ExchangePortal.Web.PublicPages.Tag, CancellationToken.None);
        Services.GetRequiredService<DataChanges>().Changed();
    }

    /// <summary>A DbContext on the same database, for arranging and asserting outside the app (started first, so migrated and seeded).</summary>
    public PortalDbContext NewDbContext()
    {
        _ = Services;
        return new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(ConnectionString)
            .AddInterceptors(Services.GetRequiredService<DataChanges>()).Options); // its saves count as the app's
    }
}

/// <summary>The portal as it runs in production (no developer pages, no demo data) over an empty, migrated database.</summary>
public class ProductionPortalFactory : PortalFactory
{
    // Production cookies are Secure (__Host-): clients talk HTTPS, as browsers do through the TLS proxy.
    public ProductionPortalFactory() => ClientOptions.BaseAddress = new Uri("https://localhost/");

    protected ProductionPortalFactory(string connectionString) : base(connectionString) =>
        ClientOptions.BaseAddress = new Uri("https://localhost/");

    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MigrateOnStartup", "true");
    }
}
