using System.Security.Claims;
using ExchangePortal.Core.Auditing;

namespace ExchangePortal.Web;

/// <summary>The signed-in user of the current request and where it comes from; null outside a request (or for an anonymous one).</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string? ActorId => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? user.FindFirstValue(ClaimTypes.NameIdentifier)
        : null;

    // The forwarded headers middleware has already put the proxy's client address here (only from a known proxy).
    public string? ClientAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => http.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent
        ? agent[..Math.Min(agent.Length, AuditTrail.UserAgentLength)]
        : null;
}
