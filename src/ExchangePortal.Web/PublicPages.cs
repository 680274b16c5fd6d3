using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace ExchangePortal.Web;

/// <summary>
/// The anonymous pages (home, lab catalogue) are served from the output cache: per URL and language, for a minute,
/// never for a signed-in user (the default policy refuses authenticated requests and responses that set a cookie).
/// Changes to labs and cohorts evict them at once (<see cref="EvictsPublicPagesAttribute"/>); other changes show
/// within <see cref="Lifetime"/>.
/// </summary>
public static class PublicPages
{
    public const string Policy = "public-pages";
    public const string Tag = "public-pages";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static void Add(OutputCacheOptions options) =>
        options.AddPolicy(Policy, policy => policy
            .Expire(Lifetime)
            // No request coalescing: with it, a first request that the visitor aborts can hand an empty or truncated
            // page to the requests waiting on it (dotnet/aspnetcore#52310, fixed only in later servicing releases).
            .SetLocking(false)
            .Tag(Tag)
            .SetVaryByQuery("*")
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name)));
}

/// <summary>On a page whose posts change what the public pages show: a post that succeeded (a redirect) evicts them.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EvictsPublicPagesAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && executed.Exception is null
            && executed.Result is Microsoft.AspNetCore.Mvc.RedirectToPageResult or Microsoft.AspNetCore.Mvc.RedirectResult)
        {
            var store = context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>();
            await store.EvictByTagAsync(PublicPages.Tag, context.HttpContext.RequestAborted);
        }
    }
}
