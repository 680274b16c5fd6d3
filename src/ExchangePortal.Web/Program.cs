using ExchangePortal.Core.Users;
using ExchangePortal.Web;
using ExchangePortal.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Serilog;

// The portal's composition root: each line is one concern, set up in Setup/ and configured in appsettings (docs/operations.md).
var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.AddPortalData();
builder.AddPortalEmail();
builder.AddPortalJobs();
builder.AddPortalIdentity();
builder.AddPortalAccountEmails();
builder.AddPortalPrivacy();

// Authorization: every page needs a signed-in user unless allowed below; one role per audience folder.
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Roles.Applicant, p => p.RequireRole(Roles.Applicant))
    .AddPolicy(Roles.HospitalCoordinator, p => p.RequireRole(Roles.HospitalCoordinator))
    .AddPolicy(Roles.UniversityCoordinator, p => p.RequireRole(Roles.UniversityCoordinator))
    .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
    .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff));
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Applicant", Roles.Applicant);
    options.Conventions.AuthorizeFolder("/Hospital", Roles.HospitalCoordinator);
    options.Conventions.AuthorizeFolder("/Coordinator", Roles.UniversityCoordinator);
    options.Conventions.AuthorizeFolder("/Admin", Roles.Administrator);
    options.Conventions.AuthorizeFolder("/Calendar", Policies.Staff);
    options.Conventions.AllowAnonymousToPage("/Index").AllowAnonymousToPage("/Error").AllowAnonymousToPage("/Language");
    options.Conventions.AllowAnonymousToPage("/Privacy").AllowAnonymousToFolder("/Privacy");
    options.Conventions.AllowAnonymousToFolder("/Labs");
    // Supervisors evaluate through an emailed link (no account); anyone holding a certificate's code may check it.
    options.Conventions.AllowAnonymousToFolder("/Evaluation").AllowAnonymousToFolder("/Verify");
    // The benchmark baseline exists only when Benchmark:Enabled is true (scripts/bench.sh); otherwise it is a 404.
    options.Conventions.AllowAnonymousToPage("/Bench/Fortunes");
    options.Conventions.RemoveUnsupportedIdentityPages();
    options.Conventions.RequirePortalTwoFactor();
}).AddPortalViewLocalization();
builder.AddPortalBenchmarkBaseline();

builder.AddPortalWeb();
builder.AddPortalProxy();
builder.AddPortalRateLimits();
builder.AddPortalHealth();

var app = builder.Build();

await app.MigratePortalDatabaseAsync();
// An operator's command (create-admin) runs instead of the web server.
if (PortalCommands.IsCommand(args))
{
    Environment.ExitCode = await PortalCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
    return;
}
app.WarnIfEmailCannotBeSent();

// Pipeline, in this order: the proxy's forwarded client first, headers, request logging (outside the error pages, so it
// logs the status the visitor got) and error pages, authorization before rate limits and the output cache.
app.UsePortalProxy();
app.UsePortalSecurityHeaders();
app.UseSerilogRequestLogging();
app.UsePortalErrorPages();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UsePortalNoStoreForSignedInUsers();

app.MapPortalHealth();
app.MapPortalEndpoints();

app.Run();

public partial class Program;
