using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ExchangePortal.IntegrationTests;

/// <summary>Settings are bound and checked when the portal starts: a wrong value stops it with a message naming the key.</summary>
[Collection(PostgresCollection.Name)]
public class SettingsTests
{
    private sealed class MisconfiguredPortal(string key, string value) : PortalFactory
    {
        protected override bool MigrateAndSeed => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Reminders:Hour", "24", "Reminders:Hour")]
    [InlineData("Programme:TimeZone", "Mars/Olympus_Mons", "Programme:TimeZone")]
    [InlineData("Email:From", "no address here", "Email:From")]
    [InlineData("Email:PollSeconds", "0", "PollSeconds")]
    [InlineData("RateLimits:FormPostsPerMinute", "0", "FormPostsPerMinute")]
    public async Task The_portal_refuses_to_start_with_a_wrong_setting(string key, string value, string named)
    {
        await using var portal = new MisconfiguredPortal(key, value);

        var refused = Assert.Throws<OptionsValidationException>(() => portal.Services);

        Assert.Contains(named, refused.Message);
    }
}
