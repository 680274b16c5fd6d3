using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class SecurityOptions
{
    /// <summary>Administrators and coordinators must enrol an authenticator before any staff page opens (docs/security.md).</summary>
    public bool RequireStaffTwoFactor { get; set; } = true;

    /// <summary>How long a sign-in or a re-authentication allows changing email, password, two-factor, roles and locks.</summary>
    [Range(1, 60, ErrorMessage = "Security:ReauthenticationMinutes must be between 1 and 60.")]
    public int ReauthenticationMinutes { get; set; } = 5;
}

/// <summary>Two-factor sign-in (authenticator codes that work once) and re-authentication before sensitive changes.</summary>
public static class PortalTwoFactor
{
    /// <summary>The claim a session carries when it was signed in (or enrolled) with a second factor.</summary>
    public static readonly Claim SecondFactor = new("amr", "mfa");

    /// <summary>The audience folders of the roles in <see cref="AccountTwoFactor.RequiredFor"/>.</summary>
    public static readonly IReadOnlyList<string> StaffFolders = ["/Hospital", "/Coordinator", "/Admin", "/Calendar"];

    /// <summary>Identity pages that show or change what only the account's holder may: every request needs a recent sign-in.</summary>
    public static readonly IReadOnlyList<string> ReauthenticatedPages =
        ["/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/EnableAuthenticator"];

    public static void AddPortalTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<SecurityOptions>("Security");
        builder.Services.AddScoped<AccountTwoFactor>().AddScoped<AuthenticatorCodes>().AddScoped<DemoAuthenticators>().AddSingleton<RecentSignIn>();
        builder.Services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.ProviderMap[AuthenticatorCodes.ProviderName] = new TokenProviderDescriptor(typeof(AuthenticatorCodes));
            options.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
        });
    }

    /// <summary>Staff pages need a second factor; account changes and an administrator's user changes need a recent sign-in.</summary>
    public static void RequirePortalTwoFactor(this PageConventionCollection conventions)
    {
        foreach (var folder in StaffFolders)
            conventions.AddFolderApplicationModelConvention(folder, model => model.Filters.Add(new StaffTwoFactorFilter()));
        foreach (var page in ReauthenticatedPages)
            conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new RecentSignInFilter(postsOnly: false)));
        conventions.AddAreaPageApplicationModelConvention("Identity", "/Account/Manage/TwoFactorAuthentication",
            model => model.Filters.Add(new RecentSignInFilter(postsOnly: true)));
        // Roles, lock and two-factor reset; sending an invitation again changes nothing about the account's access.
        conventions.AddPageApplicationModelConvention("/Admin/Users/Edit", model => model.Filters.Add(new RecentSignInFilter(postsOnly: true, "Resend")));
    }

    /// <summary>Enrols the demo staff accounts with the README's keys when staff must use two-factor sign-in.</summary>
    public static async Task EnrolDemoAuthenticatorsAsync(this IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireStaffTwoFactor)
            await services.GetRequiredService<DemoAuthenticators>().EnrolStaffAsync();
    }

    /// <summary>Signs the user in again with the second-factor claim (after enrolling, whose new security stamp ends the old cookie).</summary>
    public static async Task SignInWithSecondFactorAsync(this SignInManager<PortalUser> signIn, PortalUser user)
    {
        var current = await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(), [SecondFactor]);
    }

    private sealed class StaffTwoFactorFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireStaffTwoFactor
                && AccountTwoFactor.RequiredFor.Any(http.User.IsInRole) && !http.User.HasClaim(SecondFactor.Type, SecondFactor.Value))
            {
                context.Result = new RedirectToPageResult("/Account/Manage/EnableAuthenticator",
                    new { area = "Identity", returnUrl = http.Request.Path + http.Request.QueryString });
                return;
            }
            await next();
        }
    }

    private sealed class RecentSignInFilter(bool postsOnly, params string[] exceptHandlers) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var http = context.HttpContext;
            var isGet = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            if ((postsOnly && isGet) || exceptHandlers.Contains(context.HandlerMethod?.Name, StringComparer.OrdinalIgnoreCase)
                || http.RequestServices.GetRequiredService<RecentSignIn>().IsRecent(http))
            {
                await next();
                return;
            }
            // A refused post comes back to the page (its form), a page view to itself.
            var returnUrl = isGet ? http.Request.Path + http.Request.QueryString : http.Request.Path.ToString();
            context.Result = new RedirectToPageResult("/Account/Reauthenticate", new { area = "Identity", returnUrl });
        }
    }
}
