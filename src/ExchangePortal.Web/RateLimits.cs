namespace ExchangePortal.Web;

public static class RateLimits
{
    /// <summary>The policy for forms that attackers hammer: sign-in, registration, uploads.</summary>
    public const string FormPosts = "form-posts";
}
