using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ExchangePortal.Core.Notifications;

/// <summary>Sends each message over its own SMTP connection; the outbox sends a handful at a time, so no pooling.</summary>
public sealed class SmtpEmailTransport(string host, int port, string? user, string? password) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(host, port, SocketOptionsFor(host), ct);
        if (!string.IsNullOrEmpty(user))
            await client.AuthenticateAsync(user, password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>A relay on this machine speaks plain SMTP; any other server gets TLS when it offers it.</summary>
    public static SecureSocketOptions SocketOptionsFor(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
            ? SecureSocketOptions.None
            : SecureSocketOptions.Auto;
}
