using MimeKit;

namespace ExchangePortal.Core.Notifications;

/// <summary>Where outgoing email leaves the portal: an SMTP server, or a folder in development.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
