using ExchangePortal.Core;
using ExchangePortal.Core.Users;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

/// <summary>
/// Commands an operator runs instead of the web server: `dotnet ExchangePortal.Web.dll create-admin --email a@b.org
/// [--name "Full Name"]` (scripts/create-admin.sh; docs/operations.md "Going live").
/// </summary>
public static class PortalCommands
{
    public const string CreateAdmin = "create-admin";

    public static bool IsCommand(string[] args) => args is [CreateAdmin, ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 1 refused, 2 wrong usage).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var email = Option(args, "--email");
        if (email is null || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            await error.WriteLineAsync("Usage: create-admin --email admin@example.org [--name \"Full Name\"]");
            return 2;
        }
        try
        {
            // Emails carry absolute links: refuse early, with the setting's message, when the public address is missing.
            _ = services.GetRequiredService<IOptions<PortalOptions>>().Value;
            await using var scope = services.CreateAsyncScope();
            var link = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().CreateAsync(email, Option(args, "--name"));
            await output.WriteLineAsync($"Administrator {email} created. A link to choose the password was emailed (through the outbox) and is:");
            await output.WriteLineAsync(link);
            await output.WriteLineAsync("It works once, for three days; the address counts as confirmed once the password is set.");
            return 0;
        }
        catch (Exception e) when (e is DomainException or OptionsValidationException)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
