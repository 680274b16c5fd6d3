using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ExchangePortal.Web.Setup;

public static class PortalIdentity
{
    /// <summary>Identity with roles and lockout, the sign-in cookie, and Data Protection keys kept in the database (encrypted with a certificate).</summary>
    public static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddDefaultIdentity<PortalUser>(options =>
            {
                // Long passphrases without composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<PortalDbContext>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Requests check the account's security stamp (one indexed read, at most every 5 seconds per user, and again
            // at once after the account is saved): a role change or a lock by an administrator signs the user out at once,
            // not at the next periodic revalidation.
            // Then the server-side session: idle time, lifetime, ended at sign-out (SessionCheck, docs/security.md "Sessions").
            options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            options.Events.OnSigningIn = SessionCheck.StartAsync;
            options.Events.OnSigningOut = SessionCheck.EndAsync;
            // A signed-in user without the role gets a 403 page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.ProtectPortalKeyRing(builder.Services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("ExchangePortal"));
        builder.AddPortalCookies();
        builder.AddPortalSessions();
        builder.AddPortalTwoFactor();
    }

    /// <summary>
    /// Outside Development (at an https public address) every sign-in, antiforgery and TempData cookie is Secure and named
    /// __Host- (path /, no domain). Development, and the benchmark's plain-http loopback address, keep ordinary cookies:
    /// a client drops Secure cookies received over http.
    /// </summary>
    private static void AddPortalCookies(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() || !PortalOptions.IsHttps(builder.Configuration["Portal:PublicUrl"]))
            return;
        // Every cookie scheme Identity adds: the session, the external sign-in and the two two-factor cookies.
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(options => HostOnly(options.Cookie, (options.Cookie.Name ?? "").Replace(".AspNetCore.", "", StringComparison.Ordinal)));
        builder.Services.AddAntiforgery(options => HostOnly(options.Cookie, "Portal.Antiforgery"));
        builder.Services.Configure<CookieTempDataProviderOptions>(options => HostOnly(options.Cookie, "Portal.TempData"));
    }

    private static void HostOnly(CookieBuilder cookie, string name)
    {
        cookie.Name = name.StartsWith(HostPrefix, StringComparison.Ordinal) ? name : HostPrefix + name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    private const string HostPrefix = "__Host-";
}
