using ExchangePortal.Core.Institutions;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Core.Users;

public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The hospital a hospital coordinator works for (or an applicant's hospital).</summary>
    public int? HospitalId { get; set; }
    public Institution? Hospital { get; set; }

    public string? PrivacyNoticeVersion { get; set; }
    public DateTimeOffset? PrivacyConsentedAt { get; set; }

    /// <summary>"en" or "zh-Hans"; null means the browser's choice.</summary>
    public string? PreferredCulture { get; set; }

    public void ConsentToPrivacyNotice(string version, DateTimeOffset now)
    {
        PrivacyNoticeVersion = version;
        PrivacyConsentedAt = now;
    }
}
