using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExchangePortal.Web.Setup;

public sealed class EmailOptions
{
    /// <summary>Write each email as an .eml file into this folder (relative to the content root); wins over SMTP.</summary>
    public string? PickupFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    [Required]
    public string From { get; set; } = OutboxSettings.DefaultFrom;

    /// <summary>Run the outbox worker in this instance.</summary>
    public bool Enabled { get; set; } = true;

    [Range(0.01, 86_400)]
    public double PollSeconds { get; set; } = 5;

    public bool HasTransport => !string.IsNullOrWhiteSpace(PickupFolder) || !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class PortalOptions
{
    /// <summary>The address people open the portal at (https://exchange.example.org/); every link in an email starts with it.</summary>
    public string? PublicUrl { get; set; }

    public static bool IsPublicUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment);

    /// <summary>Outside Development people reach the portal over https; plain http only on this machine (the benchmark).</summary>
    public static bool IsProductionPublicUrl(string? value) =>
        IsPublicUrl(value) && new Uri(value!) is var url && (url.Scheme == Uri.UriSchemeHttps || url.IsLoopback);

    public static bool IsHttps(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Send without TLS when a server other than this machine does not offer it (by default it must).</summary>
    public bool AllowInsecure { get; set; }
}

public static class PortalEmail
{
    /// <summary>Where `dotnet run` listens (Properties/launchSettings.json), for links in Development when no address is set.</summary>
    public const string DevelopmentPublicUrl = "http://127.0.0.1:5080/";

    /// <summary>
    /// The transport (a pickup folder, or SMTP) and the outbox's sender. Notifications always go to the outbox; without a
    /// transport they wait there until one is configured.
    /// </summary>
    public static void AddPortalEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<EmailOptions>("Email")
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Email:From must be a mail address, e.g. Exchange Portal <no-reply@example.org>.");
        builder.Services.AddSingleton(sp => new OutboxSettings(MailboxAddress.Parse(Email(sp).From)));
        // Links in emails are absolute: outside Development the public address must be configured, or the portal does not start.
        builder.Services.AddSettings<PortalOptions>("Portal")
            .Validate(o => builder.Environment.IsDevelopment()
                    ? string.IsNullOrWhiteSpace(o.PublicUrl) || PortalOptions.IsPublicUrl(o.PublicUrl)
                    : PortalOptions.IsProductionPublicUrl(o.PublicUrl),
                "Portal:PublicUrl must be the absolute https address people open the portal at, e.g. https://exchange.example.org/ " +
                "(required outside Development; plain http only on a loopback address).");
        builder.Services.AddSingleton(sp => new PublicLinks(new Uri(
            sp.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl is { Length: > 0 } url ? url : DevelopmentPublicUrl)));
        builder.Services.AddSingleton(sp => Transport(Email(sp), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
    }

    public static void WarnIfEmailCannotBeSent(this WebApplication app)
    {
        if (Email(app.Services) is { Enabled: true, HasTransport: false })
            app.Logger.LogWarning("Email is not configured (Email:PickupFolder or Email:Smtp:Host): notifications stay in the outbox");
    }

    private static EmailOptions Email(IServiceProvider services) => services.GetRequiredService<IOptions<EmailOptions>>().Value;

    private static IEmailTransport Transport(EmailOptions email, string contentRoot) =>
        !string.IsNullOrWhiteSpace(email.PickupFolder) ? new PickupFolderEmailTransport(Path.GetFullPath(email.PickupFolder, contentRoot))
        : !string.IsNullOrWhiteSpace(email.Smtp.Host) ? new SmtpEmailTransport(email.Smtp.Host, email.Smtp.Port, email.Smtp.User, email.Smtp.Password, email.Smtp.AllowInsecure)
        : throw new InvalidOperationException("Email is not configured (Email:PickupFolder or Email:Smtp:Host): notifications stay in the outbox.");
}

/// <summary>Sends the outbox's due emails; a full batch means more are waiting.</summary>
public sealed class OutboxJob(IOptions<EmailOptions> email, OutboxSettings outbox) : IRecurringWork
{
    public string Name => "email outbox";
    public bool Enabled => email.Value is { Enabled: true, HasTransport: true };
    public TimeSpan Interval => TimeSpan.FromSeconds(email.Value.PollSeconds);

    public async Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct) =>
        await scoped.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct) >= outbox.BatchSize;
}
