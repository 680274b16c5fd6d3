using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class OfferOptions
{
    /// <summary>Run the job that lapses offers not answered by their deadline.</summary>
    public bool LapseEnabled { get; set; } = true;

    [Range(0.01, 86_400)]
    public double LapseCheckSeconds { get; set; } = 60;
}

public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The hour of the day (programme time) from which the day's reminders go out.</summary>
    [Range(0, 23, ErrorMessage = "Reminders:Hour must be an hour of the day, 0 to 23.")]
    public int Hour { get; set; } = 8;
}

public static class PortalJobs
{
    /// <summary>The background jobs; every instance may run each of them, unless its setting turns it off.</summary>
    public static void AddPortalJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<OfferOptions>("Offers");
        builder.Services.AddSettings<ReminderOptions>("Reminders");
        builder.Services.AddRecurringJob<OutboxJob>();
        builder.Services.AddRecurringJob<OfferLapseJob>();
        builder.Services.AddRecurringJob<ReminderJob>();
        builder.AddPortalRetention();
    }
}

/// <summary>Lapses offers not answered by their deadline; one lapse means more may be waiting.</summary>
public sealed class OfferLapseJob(IOptions<OfferOptions> offers) : IRecurringWork
{
    public string Name => "offer lapses";
    public bool Enabled => offers.Value.LapseEnabled;
    public TimeSpan Interval => TimeSpan.FromSeconds(offers.Value.LapseCheckSeconds);

    public async Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct) =>
        await scoped.GetRequiredService<OfferLapses>().LapseOverdueAsync(ct) > 0;
}

/// <summary>
/// Looks every hour: expires the agreements that have ended, then queues the day's reminders from the set hour on
/// (programme time); the keys make reruns harmless.
/// </summary>
public sealed class ReminderJob(IOptions<ReminderOptions> reminders) : IRecurringWork
{
    public string Name => "reminders";
    public bool Enabled => reminders.Value.Enabled;
    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        await scoped.GetRequiredService<AgreementExpiry>().ExpireEndedAsync(ct);
        await scoped.GetRequiredService<Reminders>().RunDailyAsync(reminders.Value.Hour, ct);
        return false;
    }
}
