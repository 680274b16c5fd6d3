using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ExchangePortal.Core.Privacy;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class PrivacyOptions
{
    /// <summary>The privacy notice version in force; every signed-in person accepts or declines it before anything else.</summary>
    [Required]
    public string NoticeVersion { get; set; } = PrivacyNotice.Latest;
}

public static class PortalPrivacy
{
    /// <summary>The notice in force (Privacy:NoticeVersion), the version each person decided kept in their sign-in cookie, and the gate.</summary>
    public static void AddPortalPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<PrivacyOptions>("Privacy")
            .Validate(o => PrivacyNotice.Exists(o.NoticeVersion), $"Privacy:NoticeVersion must be one of {string.Join(", ", PrivacyNotice.Versions.Select(v => v.Version))}.");
        builder.Services.AddSingleton(services => new PrivacyNotice(services.GetRequiredService<IOptions<PrivacyOptions>>().Value.NoticeVersion));
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<PortalUser>, PortalClaimsFactory>();
        builder.Services.AddOptions<MvcOptions>().Configure(options => options.Filters.Add<PrivacyNoticeGate>());
    }
}

/// <summary>Adds the privacy notice version the person last decided on, so the gate needs no database read per request.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    Consents consents) : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await consents.DecidedVersionAsync(user.Id) is { } version)
            identity.AddClaim(new Claim(PortalClaims.NoticeVersion, version));
        return identity;
    }
}
