using ExchangePortal.Core.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ExchangePortal.Web;

/// <summary>
/// A signed-in person who has not yet accepted or declined the notice in force sees it before any other page: every
/// other page redirects to /Account/Notice. The decided version travels in the sign-in cookie (refreshed on a decision).
/// </summary>
public sealed class PrivacyNoticeGate(PrivacyNotice notice) : IAsyncPageFilter
{
    /// <summary>The pages a person reaches before deciding: the notice itself, its versions, sign-out, language, errors.</summary>
    private static readonly string[] Open = ["/Account/Notice", "/Privacy", "/Privacy/Versions", "/Account/Logout", "/Error", "/Language"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(PortalClaims.NoticeVersion)?.Value == notice.Current
            || Open.Contains(context.ActionDescriptor.ViewEnginePath, StringComparer.OrdinalIgnoreCase))
            return next();
        var request = context.HttpContext.Request;
        var returnUrl = HttpMethods.IsGet(request.Method) ? request.PathBase + request.Path + request.QueryString : null;
        context.Result = new RedirectToPageResult("/Account/Notice", new { area = "", returnUrl });
        return Task.CompletedTask;
    }
}
