using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Applications;

/// <summary>One step in an application's history: who moved it, when, from where to where, and why.</summary>
public class ApplicationStatusChange
{
    public long Id { get; private set; }
    public int ApplicationId { get; private set; }
    public ApplicationStatus? From { get; private set; }
    public ApplicationStatus To { get; private set; }

    /// <summary>Null when the portal itself moved the application (a lapsed offer, a seat offered from the waitlist).</summary>
    public string? ActorId { get; private set; }
    public PortalUser? Actor { get; private set; }

    /// <summary>The pseudonym shown instead of an actor whose account was erased (the actor id is then null).</summary>
    public string? ErasedActor { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Comment { get; private set; }

    private ApplicationStatusChange() { }

    internal ApplicationStatusChange(ApplicationStatus? from, ApplicationStatus to, string? actorId, DateTimeOffset at, string? comment)
    {
        From = from;
        To = to;
        ActorId = actorId;
        At = at;
        Comment = comment;
    }
}
