using ExchangePortal.Core.Data;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace ExchangePortal.Web.Setup;

public static class PortalIdentity
{
    /// <summary>Identity with roles and lockout, the sign-in cookie, and Data Protection keys kept in the database.</summary>
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
            .AddEntityFrameworkStores<PortalDbContext>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Requests check the account's security stamp (one indexed read, at most every 5 seconds per user, and again
            // at once after the account is saved): a role change or a lock by an administrator signs the user out at once,
            // not at the next periodic revalidation.
            options.Events.OnValidatePrincipal = SecurityStampCheck.ValidateAsync;
            // A signed-in user without the role gets a 403 page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("ExchangePortal");
    }
}
