using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ExchangePortal.Core.Users;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

/// <summary>The limits of a signed-in session (docs/security.md "Sessions").</summary>
public sealed class SessionLimitOptions
{
    /// <summary>Idle minutes after which a session of coordinators and administrators ends.</summary>
    [Range(1, 24 * 60)]
    public int StaffIdleMinutes { get; set; } = 30;

    /// <summary>Idle minutes after which an applicant's session ends.</summary>
    [Range(1, 24 * 60)]
    public int ApplicantIdleMinutes { get; set; } = 60;

    /// <summary>Hours after sign-in at which any session ends, however active.</summary>
    [Range(1, 7 * 24)]
    public int LifetimeHours { get; set; } = 12;

    /// <summary>Days an ended session (its address and user agent) is kept before the hourly purge deletes it.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    public TimeSpan Lifetime => TimeSpan.FromHours(LifetimeHours);

    /// <summary>Anyone holding a role other than Applicant gets the staff limit.</summary>
    public TimeSpan IdleFor(ClaimsPrincipal user) =>
        TimeSpan.FromMinutes(Roles.All.Any(r => r != Roles.Applicant && user.IsInRole(r)) ? StaffIdleMinutes : ApplicantIdleMinutes);
}

public static class PortalSessions
{
    /// <summary>Server-side sessions: their limits, the per-instance memory of recent checks, the stamp-change rule and the purge.</summary>
    public static void AddPortalSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<SessionLimitOptions>("Sessions");
        builder.Services.AddSingleton<RecentSessionChecks>().AddSingleton<StampChangeEndsSessions>();
        builder.Services.AddRecurringJob<SessionPurgeJob>();
    }
}

/// <summary>Deletes, every hour, the sessions that ended more than <see cref="SessionLimitOptions.RetentionDays"/> ago.</summary>
public sealed class SessionPurgeJob(IOptions<SessionLimitOptions> options) : IRecurringWork
{
    public string Name => "session purge";
    public bool Enabled => true;
    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        await scoped.GetRequiredService<UserSessions>().PurgeAsync(TimeSpan.FromDays(options.Value.RetentionDays), ct);
        return false;
    }
}
