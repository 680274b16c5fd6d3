namespace ExchangePortal.Core.Users;

/// <summary>
/// One sign-in of one browser, kept on the server so it can end there: at sign-out, after idle time, at its fixed lifetime,
/// or when the account's security stamp changes. Its id travels in the sign-in cookie.
/// </summary>
public class UserSession
{
    public const int ClientAddressLength = 64;

    private UserSession()
    {
    }

    public UserSession(string userId, DateTimeOffset now, string? clientAddress, string? userAgent)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        StartedAt = now;
        LastSeenAt = now;
        ClientAddress = clientAddress?[..Math.Min(clientAddress.Length, ClientAddressLength)];
        UserAgent = userAgent;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The last request seen, written at most once per <see cref="SessionTimes.TouchInterval"/>.</summary>
    public DateTimeOffset LastSeenAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }
}

/// <summary>What a request needs to know of its open session: when it started and when it was last seen.</summary>
public sealed record SessionTimes(Guid Id, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt)
{
    /// <summary>"Last seen" is written at most this often per session, so idle time is measured to within this.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Live until <paramref name="idle"/> has passed since the last request or <paramref name="lifetime"/> since sign-in.</summary>
    public bool IsLive(DateTimeOffset now, TimeSpan idle, TimeSpan lifetime) => now - LastSeenAt < idle && now - StartedAt < lifetime;

    public bool NeedsTouch(DateTimeOffset now) => now - LastSeenAt >= TouchInterval;
}
