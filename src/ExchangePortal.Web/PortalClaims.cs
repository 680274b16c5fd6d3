using System.Security.Claims;

namespace ExchangePortal.Web;

public static class PortalClaims
{
    /// <summary>The privacy notice version the person last accepted or declined (absent: never asked).</summary>
    public const string NoticeVersion = "portal:notice";

    /// <summary>The signed-in user's id; pages under an authorized folder always have one.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
}
