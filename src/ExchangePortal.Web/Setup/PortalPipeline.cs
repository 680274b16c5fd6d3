using System.Globalization;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Diagnostics;

namespace ExchangePortal.Web.Setup;

public static class PortalPipeline
{
    /// <summary>
    /// Same-origin content only, no inline script, never framed (plus the default security headers); a document shown in
    /// the browser gets a sandbox instead, set after the policy's headers (response-start callbacks run last-registered first).
    /// </summary>
    public static void UsePortalSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                if (DocumentDownloads.IsPreview(context))
                    context.Response.Headers.ContentSecurityPolicy = DocumentDownloads.PreviewPolicy;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        app.UseSecurityHeaders(policies => policies
            .AddDefaultSecurityHeaders()
            // HTTPS responses only (never for localhost): a year, subdomains included.
            .AddStrictTransportSecurityMaxAgeIncludeSubDomains()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddFormAction().Self();
                csp.AddBaseUri().Self();
                csp.AddFrameAncestors().None();
            }));
    }

    /// <summary>
    /// The error page for exceptions (the developer page in Development) and for every error status code. A value the
    /// database refused (400) or a database it cannot reach (503) is not a bug: in every environment it is logged as a
    /// warning and answered with the error page, before the exception handler (which logs errors) or the developer page sees it.
    /// </summary>
    public static void UsePortalErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error");
        else
            app.UseDeveloperExceptionPage();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseErrors).FullName!);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (DatabaseErrors.Classify(e) is not DatabaseProblem.None and var problem && !context.Response.HasStarted)
            {
                // No exception object and no message: both may quote what the person entered.
                logger.LogWarning("{RequestMethod} {RequestPath} answered {StatusCode}: database {DatabaseProblem} (SQLSTATE {SqlState}, {ExceptionType})",
                    context.Request.Method, context.Request.Path.Value, StatusFor(problem), problem, DatabaseErrors.SqlState(e), e.GetType().Name);
                DatabaseErrors.ForgetLostConnections(e);
                context.Response.Clear();
                context.Response.StatusCode = StatusFor(problem);
                if (problem == DatabaseProblem.Outage)
                    context.Response.Headers.RetryAfter = DatabaseErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                if (problem == DatabaseProblem.Outage && context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
                {
                    // The error page itself needed the database (e.g. to check a signed-in visitor's account): a page without it.
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{DatabaseErrors.OutageHeading}</title></head>" +
                        $"<body><h1>{DatabaseErrors.OutageHeading}</h1><p>{DatabaseErrors.OutageExplanation}</p></body></html>");
                    return;
                }
                context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = e, Path = context.Request.Path.Value ?? "" });
                // The status code pages re-execute /Error, which reads the exception to name the problem.
            }
        });
    }

    private static int StatusFor(DatabaseProblem problem) =>
        problem == DatabaseProblem.DataError ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;

    /// <summary>Pages for a signed-in user carry personal data: never cache them.</summary>
    public static void UsePortalNoStoreForSignedInUsers(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                // The same value antiforgery sets, so it does not have to override (and warn about) ours.
                context.Response.Headers.CacheControl = "no-cache, no-store";
                context.Response.Headers.Pragma = "no-cache";
            }
            await next();
        });

    /// <summary>Static assets, the pages, the calendar feeds, and a friendly 404 for everything else.</summary>
    public static void MapPortalEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        // A staff member's calendar feed: the secret token in the URL is the only credential (calendar apps send no cookie).
        app.MapGet("/calendar/{token}.ics", async (string token, CalendarFeed feed, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var ics = await feed.RenderAsync(token, $"{request.Scheme}://{request.Host}{request.PathBase}", ct);
            if (ics is null)
                return Results.NotFound();
            response.Headers.CacheControl = "no-store";
            return Results.Text(ics, "text/calendar; charset=utf-8");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.CalendarFeeds);
        // An unknown address is a friendly 404 for everyone, not a redirect to sign in.
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
    }
}
