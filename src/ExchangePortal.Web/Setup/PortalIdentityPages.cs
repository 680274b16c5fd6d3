using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ExchangePortal.Web.Setup;

/// <summary>
/// The Identity UI pages the portal does not support have no route, so every request to them (any method, signed in or
/// not) is the portal's 404. The supported ones are scaffolded in Areas/Identity/Pages (localized, CSP-clean); this list is
/// the rest of Identity UI's stock pages (docs/operations.md "Accounts").
/// </summary>
public static class PortalIdentityPages
{
    public static readonly IReadOnlySet<string> Removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // No external sign-in provider is configured.
        "/Account/ExternalLogin", "/Account/Manage/ExternalLogins",
        // The privacy issue replaces the stock personal data pages.
        "/Account/Manage/PersonalData", "/Account/Manage/DownloadPersonalData", "/Account/Manage/DeletePersonalData",
        // Two-factor sign-in has its own pages (LoginWith2fa, LoginWithRecoveryCode, Manage/TwoFactorAuthentication and
        // Manage/EnableAuthenticator): switching off, new recovery codes and showing them are on TwoFactorAuthentication; an
        // administrator resets a lost authenticator.
        "/Account/Manage/Disable2fa", "/Account/Manage/ResetAuthenticator",
        "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ShowRecoveryCodes",
        // Every account has a password; registration signs in at once; the portal answers 403 and shows lockout on the sign-in form.
        "/Account/Manage/SetPassword", "/Account/RegisterConfirmation", "/Account/AccessDenied", "/Account/Lockout",
        // The flows end on the sign-in page or the same page with a status message; errors use the portal's error page.
        "/Account/ForgotPasswordConfirmation", "/Account/ResetPasswordConfirmation", "/Error",
    };

    public static void RemoveUnsupportedIdentityPages(this PageConventionCollection conventions) =>
        conventions.Add(new RemovedPages());

    private sealed class RemovedPages : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            if (model.AreaName != "Identity")
                return;
            // Identity UI keeps its views under /V4 or /V5; the route is the path without it.
            var path = model.ViewEnginePath;
            if (path.StartsWith("/V4/", StringComparison.Ordinal) || path.StartsWith("/V5/", StringComparison.Ordinal))
                path = path[3..];
            if (Removed.Contains(path))
                model.Selectors.Clear();
        }
    }
}
