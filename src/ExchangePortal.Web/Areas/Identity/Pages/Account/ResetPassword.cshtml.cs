using ExchangePortal.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Chooses a password from an emailed link: after "forgot password", or the first one of an invited account. The link works
/// once; after a reset the person signs in with the new password, an invitee is signed in and lands on their home page.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.FormPosts)]
public class ResetPasswordModel(AccountPasswords passwords, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet(string? userId, string? code) => Input = new() { UserId = userId, Code = code };

    public async Task<IActionResult> OnPostAsync()
    {
        var invited = ModelState.IsValid && await passwords.AwaitsFirstPasswordAsync(Input.UserId);
        var decided = await this.DecideAsync(() => passwords.ChoosePasswordAsync(Input.UserId, Input.Code, Input.Password),
            "Your password is set. Sign in with it.", pageName: "./Login");
        return invited && decided is RedirectToPageResult ? await WelcomeAsync(decided) : decided;
    }

    /// <summary>Signs the invitee in with the password just chosen; a locked account still goes through the sign-in page.</summary>
    private async Task<IActionResult> WelcomeAsync(IActionResult signInPage)
    {
        if (await users.FindByIdAsync(Input.UserId!) is not { } user
            || !(await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false)).Succeeded)
            return signInPage;
        if (user.PreferredCulture is { } culture)
            Response.SetCultureCookie(culture);
        TempData[PageDecisions.StatusMessageKey] = "Welcome to the Exchange Portal: your password is set and your email address is confirmed.";
        return LocalRedirect(RoleHome.For(await users.GetRolesAsync(user)));
    }
}
