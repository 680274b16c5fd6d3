using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Privacy;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

/// <summary>The retention schedule (docs/operations.md, "Retention"); the privacy notice states the same periods.</summary>
public sealed class RetentionOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 120, ErrorMessage = "Retention:DraftMonths must be 1 to 120 months.")]
    public int DraftMonths { get; set; } = 12;

    [Range(1, 240, ErrorMessage = "Retention:ClosedApplicationDocumentMonths must be 1 to 240 months.")]
    public int ClosedApplicationDocumentMonths { get; set; } = 24;

    [Range(1, 3650, ErrorMessage = "Retention:SentEmailBodyDays must be 1 to 3650 days.")]
    public int SentEmailBodyDays { get; set; } = 90;

    [Range(1, 120, ErrorMessage = "Retention:FailedSignInMonths must be 1 to 120 months.")]
    public int FailedSignInMonths { get; set; } = 12;

    public RetentionPeriods Periods => new(DraftMonths, ClosedApplicationDocumentMonths, SentEmailBodyDays, FailedSignInMonths);
}

public static class PortalRetention
{
    /// <summary>The mail pickup folder erasure and retention clean, and the daily retention purge (every instance; once a day).</summary>
    public static void AddPortalRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new MailPickup(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupFolder is { } folder && !string.IsNullOrWhiteSpace(folder)
                ? Path.GetFullPath(folder, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)
                : null));
        builder.Services.AddSettings<RetentionOptions>("Retention");
        builder.Services.AddRecurringJob<RetentionJob>();
    }
}

/// <summary>Looks every hour; the first look of a programme day purges, the others find the day's key taken.</summary>
public sealed class RetentionJob(IOptions<RetentionOptions> retention) : IRecurringWork
{
    public string Name => "retention";
    public bool Enabled => retention.Value.Enabled;
    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        await scoped.GetRequiredService<RetentionPurge>().RunDailyAsync(retention.Value.Periods, ct);
        return false;
    }
}
