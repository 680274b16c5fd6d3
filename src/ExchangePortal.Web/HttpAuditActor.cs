using System.Security.Claims;
using ExchangePortal.Core.Auditing;

namespace ExchangePortal.Web;

/// <summary>The signed-in user of the current request; null outside a request or for an anonymous one.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string? ActorId => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? user.FindFirstValue(ClaimTypes.NameIdentifier)
        : null;
}
