namespace ExchangePortal.Core.Users;

public static class PrivacyNotice
{
    /// <summary>Bump when the notice's text changes, so consent records say which text was accepted.</summary>
    public const string CurrentVersion = "2026-11";
}
