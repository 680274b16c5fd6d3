using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Auditing;
using ExchangePortal.Core.Benchmark;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Demo;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Programme;
using ExchangePortal.Core.Users;
using ExchangePortal.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.RateLimiting;
using MimeKit;
using Serilog;
using Serilog.Formatting.Compact;

// Two verbs for performance work instead of serving:
// `seed --applications N` migrates, fills an empty database with N applications and exits (scripts/seed.sh);
// `explain-queue [--plans FILE]` explains the coordinator queue's SQL on that database (scripts/explain-queue.sh).
var verb = args.FirstOrDefault() is "seed" or "explain-queue" ? args[0] : null;
var seedApplications = verb == "seed" ? SeedArguments.Applications(args) : (int?)null;
var builder = WebApplication.CreateBuilder(verb is null ? args : []);

// Configuration
var connectionString = builder.Configuration.GetConnectionString("Portal")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).");
var isDevelopment = builder.Environment.IsDevelopment();
if (verb == "explain-queue")
{
    var cases = await new QueueExplainer(connectionString).ExplainAsync();
    Console.WriteLine(QueueExplainer.Report(cases, withPlans: false));
    if (args is [_, "--plans", var plansFile, ..])
        await File.WriteAllTextAsync(plansFile, QueueExplainer.Report(cases, withPlans: true));
    return;
}
var email = builder.Configuration.GetSection("Email");
var pickupFolder = email["PickupFolder"];
var smtpHost = email["Smtp:Host"];
IEmailTransport? emailTransport =
    !string.IsNullOrWhiteSpace(pickupFolder) ? new PickupFolderEmailTransport(Path.GetFullPath(pickupFolder, builder.Environment.ContentRootPath))
    : !string.IsNullOrWhiteSpace(smtpHost) ? new SmtpEmailTransport(smtpHost, email.GetValue("Smtp:Port", 25), email["Smtp:User"], email["Smtp:Password"])
    : null;
var emailEnabled = email.GetValue("Enabled", true);
var benchmarkEnabled = builder.Configuration.GetValue<bool>("Benchmark:Enabled");

// Services
builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
    // Console writes happen on a background thread (the async sink), never on a request thread; flushed at shutdown.
    if (isDevelopment)
        log.WriteTo.Async(sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
    else
        log.WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()));
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new ProgrammeClock(
    sp.GetRequiredService<TimeProvider>(), builder.Configuration["Programme:TimeZone"] ?? ProgrammeClock.DefaultTimeZone));
// Edits people make to audited entities (labs, cohorts) are written to the audit trail field by field, in the same save.
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<IAuditActor, HttpAuditActor>();
builder.Services.AddSingleton<FieldAuditInterceptor>();
builder.Services.AddSingleton<RecentStampChecks>().AddSingleton<AccountSaveForgetsStamp>();
builder.Services.AddDbContextPool<PortalDbContext>((services, options) => options.UseNpgsql(PooledConnections.Tune(connectionString))
    .AddInterceptors(services.GetRequiredService<FieldAuditInterceptor>(), services.GetRequiredService<AccountSaveForgetsStamp>(),
        services.GetRequiredService<DataChanges>()));
builder.Services.AddPortalServices();
// Notifications always go to the outbox; without a transport they wait there until one is configured.
if (emailTransport is not null)
{
    var outbox = new OutboxSettings(MailboxAddress.Parse(email["From"] ?? OutboxSettings.DefaultFrom));
    builder.Services.AddSingleton(emailTransport).AddSingleton(outbox);
    if (emailEnabled)
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RecurringJob>(sp, "email outbox",
            TimeSpan.FromSeconds(email.GetValue("PollSeconds", 5.0)),
            async (IServiceProvider scoped, CancellationToken ct) =>
                await scoped.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct) >= outbox.BatchSize));
}
if (builder.Configuration.GetValue("Offers:LapseEnabled", true))
    builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RecurringJob>(sp, "offer lapses",
        TimeSpan.FromSeconds(builder.Configuration.GetValue("Offers:LapseCheckSeconds", 60.0)),
        async (IServiceProvider scoped, CancellationToken ct) => await scoped.GetRequiredService<OfferLapses>().LapseOverdueAsync(ct) > 0));
var reminders = builder.Configuration.GetSection("Reminders");
if (reminders.GetValue("Enabled", true))
{
    var reminderHour = reminders.GetValue("Hour", 8);
    if (reminderHour is < 0 or > 23)
        throw new InvalidOperationException("Reminders:Hour must be an hour of the day, 0 to 23.");
    // Looks every hour and queues the day's reminders from that hour on (programme time); the keys make reruns harmless.
    builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RecurringJob>(sp, "reminders", TimeSpan.FromHours(1),
        async (IServiceProvider scoped, CancellationToken ct) =>
        {
            await scoped.GetRequiredService<Reminders>().RunDailyAsync(reminderHour, ct);
            return false;
        }));
}

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

builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Roles.Applicant, p => p.RequireRole(Roles.Applicant))
    .AddPolicy(Roles.HospitalCoordinator, p => p.RequireRole(Roles.HospitalCoordinator))
    .AddPolicy(Roles.UniversityCoordinator, p => p.RequireRole(Roles.UniversityCoordinator))
    .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
    .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff));
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    // Only the UI language switches; formats stay English, so dates inside Core's English messages read the same everywhere.
    options.SetDefaultCulture(PortalCultures.English)
        .AddSupportedCultures(PortalCultures.English)
        .AddSupportedUICultures(PortalCultures.Supported);
    // The user's own choice (the cookie the language switch and sign-in set) wins over the browser's languages.
    options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Applicant", Roles.Applicant);
    options.Conventions.AuthorizeFolder("/Hospital", Roles.HospitalCoordinator);
    options.Conventions.AuthorizeFolder("/Coordinator", Roles.UniversityCoordinator);
    options.Conventions.AuthorizeFolder("/Admin", Roles.Administrator);
    options.Conventions.AuthorizeFolder("/Calendar", Policies.Staff);
    options.Conventions.AllowAnonymousToPage("/Index");
    options.Conventions.AllowAnonymousToPage("/Privacy");
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AllowAnonymousToPage("/Language");
    options.Conventions.AllowAnonymousToFolder("/Labs");
    // The benchmark baseline exists only when Benchmark:Enabled is true (scripts/bench.sh); otherwise it is a 404.
    options.Conventions.AllowAnonymousToPage("/Bench/Fortunes");
    options.Conventions.AddPageRouteModelConvention("/Bench/Fortunes", model =>
    {
        if (!benchmarkEnabled)
            model.Selectors.Clear();
    });
})
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(options =>
        options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

// Sign-in, registration and uploads: a fixed number of posts per client address per minute, then 429.
var formPostsPerMinute = builder.Configuration.GetValue("RateLimits:FormPostsPerMinute", 10);
var calendarFeedsPerMinute = builder.Configuration.GetValue("RateLimits:CalendarFeedsPerMinute", 30);
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy(RateLimits.FormPosts, context => HttpMethods.IsPost(context.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = formPostsPerMinute, Window = TimeSpan.FromMinutes(1) })
        : RateLimitPartition.GetNoLimiter("reads"));
    // Calendar apps poll a feed every few minutes at most; more than this from one address is someone guessing tokens.
    options.AddPolicy(RateLimits.CalendarFeeds, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = calendarFeedsPerMinute, Window = TimeSpan.FromMinutes(1) }));
});

// Chinese text goes out as characters, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddOutputCache(PublicPages.Add);

builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

var app = builder.Build();

if (seedApplications is { } applications)
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
    try
    {
        await scope.ServiceProvider.GetRequiredService<LargeDataSeeder>().SeedAsync(applications);
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        Environment.ExitCode = 1;
    }
    return;
}

// Database: development and tests migrate at start; production runs the migration bundle first (README).
if (app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
    if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Demo:Seed"))
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
}

if (emailEnabled && emailTransport is null)
    app.Logger.LogWarning("Email is not configured (Email:PickupFolder or Email:Smtp:Host): notifications stay in the outbox");

// Pipeline
app.UseSecurityHeaders(policies => policies
    .AddDefaultSecurityHeaders()
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
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error");
else
    app.UseDeveloperExceptionPage();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSerilogRequestLogging();
app.UseRequestLocalization();

app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.Use(async (context, next) =>
{
    // Pages for a signed-in user carry personal data: never cache them.
    if (context.User.Identity?.IsAuthenticated == true)
    {
        // The same value antiforgery sets, so it does not have to override (and warn about) ours.
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
    await next();
});

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
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

app.Run();

public partial class Program;
