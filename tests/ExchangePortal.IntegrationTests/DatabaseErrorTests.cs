using System.Net;
using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;

namespace ExchangePortal.IntegrationTests;

/// <summary>A value PostgreSQL refuses is the visitor's to correct (400, a warning); only an unreachable database is an outage (503).</summary>
[Collection(PostgresCollection.Name)]
public class DatabaseErrorTests
{
    [Theory]
    [InlineData("Development", "Refused By The Database", "23514")]
    [InlineData("Production", "Refused By The Database", "23514")]
    [InlineData("Production", "NUM:abc", "22P02")]
    public async Task A_value_the_database_refuses_is_a_400_asking_to_check_it_logged_as_a_warning(string environment, string fullName, string sqlState)
    {
        await using var portal = new LoggedPortal(environment, PostgresServer.Shared.CreateDatabase());
        var hospitalId = await RefuseSomeDoctorNamesAsync(portal);
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync("/Identity/Account/Register");

        var response = await client.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = fullName,
            ["Input.Email"] = "refused@hospital.test",
            ["Input.HospitalId"] = hospitalId.ToString(),
            ["Input.Password"] = "a sufficiently long passphrase",
            ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please check what you entered", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("Npgsql", body);
        await using (var db = portal.NewDbContext())
            Assert.False(await db.Users.AnyAsync(u => u.Email == "refused@hospital.test"), "the refused registration left a user behind");
        var warning = Assert.Single(portal.Logs.All, e => e.Properties.ContainsKey("DatabaseProblem"));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal((sqlState, "DataError", "400"), (LogEvents.Property(warning, "SqlState"),
            LogEvents.Property(warning, "DatabaseProblem"), LogEvents.Property(warning, "StatusCode")));
        Assert.True(portal.Logs.Errors().Count == 0, LogEvents.Describe(portal.Logs.Errors()));
        Assert.DoesNotContain(portal.Logs.All, e => e.RenderMessage().Contains("refused@hospital.test") || e.RenderMessage().Contains(fullName));
    }

    [Fact]
    public async Task The_page_for_a_refused_value_speaks_chinese_too()
    {
        await using var portal = new LoggedPortal("Production", PostgresServer.Shared.CreateDatabase());
        var hospitalId = await RefuseSomeDoctorNamesAsync(portal);
        var client = portal.CreateClientWithoutRedirects();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");
        var page = await client.GetPageAsync("/Identity/Account/Register");

        var response = await client.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Refused By The Database",
            ["Input.Email"] = "refused@hospital.test",
            ["Input.HospitalId"] = hospitalId.ToString(),
            ["Input.Password"] = "a sufficiently long passphrase",
            ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请检查您输入的内容", await response.Content.ReadAsStringAsync());
    }

    // Rules only this test's database has, so that an ordinary registration meets a refusal from PostgreSQL itself:
    // a check constraint (SQLSTATE 23514) and a cast of text to a number (22P02).
    private static async Task<int> RefuseSomeDoctorNamesAsync(PortalFactory portal)
    {
        await using var db = portal.NewDbContext();
        var hospital = new Institution(InstitutionKind.Hospital, "Refusing Hospital", "RH", "Hanoi");
        db.Institutions.Add(hospital);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("""
            ALTER TABLE "Doctors" ADD CONSTRAINT refused_names CHECK ("FullName" <> 'Refused By The Database') NOT VALID;
            ALTER TABLE "Doctors" ADD CONSTRAINT numbered_names CHECK (left("FullName", 4) <> 'NUM:' OR substr("FullName", 5)::int > 0) NOT VALID;
            """);
        return hospital.Id;
    }

    private sealed class LoggedPortal : PortalFactory
    {
        private readonly string _environment;

        public LoggedPortal(string environment, string connectionString) : base(connectionString)
        {
            _environment = environment;
            if (environment == "Production") // its cookies are Secure
                ClientOptions.BaseAddress = new Uri("https://localhost/");
        }

        public LogEvents Logs { get; } = new();

        protected override string EnvironmentName => _environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Logs.AddTo(builder);
        }
    }
}
