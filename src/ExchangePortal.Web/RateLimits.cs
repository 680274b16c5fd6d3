namespace ExchangePortal.Web;

public static class RateLimits
{
    /// <summary>The policy for forms that attackers hammer: sign-in, registration, uploads.</summary>
    public const string FormPosts = "form-posts";

    /// <summary>The policy for the anonymous calendar feeds, whose URL carries a secret token.</summary>
    public const string CalendarFeeds = "calendar-feeds";

    /// <summary>The policy for "download my data" (a ZIP of everything about the person), per signed-in account.</summary>
    public const string DataDownloads = "data-downloads";

    /// <summary>The policy for anonymous look-ups by code (certificate verification), every method.</summary>
    public const string CodeChecks = "code-checks";
}
