using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class RateLimitOptions
{
    /// <summary>Sign-in, registration and upload posts allowed per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int FormPostsPerMinute { get; set; } = 10;

    /// <summary>Calendar feed requests allowed per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int CalendarFeedsPerMinute { get; set; } = 30;

    /// <summary>"Download my data" ZIPs allowed per account per hour.</summary>
    [Range(1, int.MaxValue)]
    public int DataDownloadsPerHour { get; set; } = 5;
    /// <summary>Certificate verifications (/Verify/{code}) allowed per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int CodeChecksPerMinute { get; set; } = 30;
}

public static class PortalRateLimits
{
    /// <summary>Fixed windows of a minute per client address, then 429 (<see cref="RateLimits"/> names the policies).</summary>
    public static void AddPortalRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<RateLimitOptions>("RateLimits");
        builder.Services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            // Sign-in, registration and uploads: a fixed number of posts per client address per minute.
            options.AddPolicy(RateLimits.FormPosts, context => HttpMethods.IsPost(context.Request.Method)
                ? PerMinute(context, limits.FormPostsPerMinute)
                : RateLimitPartition.GetNoLimiter("reads"));
            // Calendar apps poll a feed every few minutes at most; more than this from one address is someone guessing tokens.
            options.AddPolicy(RateLimits.CalendarFeeds, context => PerMinute(context, limits.CalendarFeedsPerMinute));
            // Building a ZIP of a person's files is heavy: a few an hour per account, whatever the address.
            options.AddPolicy(RateLimits.DataDownloads, context => context.Request.Query["handler"] == "Download"
                ? RateLimitPartition.GetFixedWindowLimiter(context.User.UserId(),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.DataDownloadsPerHour, Window = TimeSpan.FromHours(1) })
                : RateLimitPartition.GetNoLimiter("pages"));
            // A verification code is meant to be shown around, but nobody needs to try many a minute.
            options.AddPolicy(RateLimits.CodeChecks, context => PerMinute(context, limits.CodeChecksPerMinute));
        });
    }

    private static RateLimitPartition<string> PerMinute(HttpContext context, int permits) => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
}
