using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ExchangePortal.Core.Notifications;

/// <summary>Sends each message over its own SMTP connection; the outbox sends a handful at a time, so no pooling.</summary>
public sealed class SmtpEmailTransport(string host, int port, string? user, string? password, bool allowInsecure = false) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(host, port, SocketOptionsFor(host, port, allowInsecure), ct);
        if (!string.IsNullOrEmpty(user))
            await client.AuthenticateAsync(user, password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>
    /// A relay on this machine speaks plain SMTP; any other server must speak TLS (from the first byte on port 465, by
    /// STARTTLS otherwise), or the message is not sent: a password and personal data never cross a network in clear.
    /// <paramref name="allowInsecure"/> (Email:Smtp:AllowInsecure) falls back to TLS only when the server offers it.
    /// </summary>
    public static SecureSocketOptions SocketOptionsFor(string host, int port, bool allowInsecure = false) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
            ? SecureSocketOptions.None
            : allowInsecure ? SecureSocketOptions.StartTlsWhenAvailable
            : port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
}
