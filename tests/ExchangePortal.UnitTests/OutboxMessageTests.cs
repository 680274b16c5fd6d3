using ExchangePortal.Core.Notifications;
using MailKit.Security;
using MimeKit;

namespace ExchangePortal.UnitTests;

public class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static Notification Sample() =>
        new("application.Offered", "doctor@hospital.test", "Your application has an offer", "Dear Dr Li,\n\nYou are offered a place.\n", Now);

    [Fact]
    public void A_notification_becomes_a_plain_text_email_from_the_configured_sender()
    {
        var message = OutboxDispatcher.ToMessage(Sample(), MailboxAddress.Parse("Exchange Office <exchange@vhu.test>"));

        Assert.Equal("exchange@vhu.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Exchange Office", Assert.Single(message.From.Mailboxes).Name);
        Assert.Equal("doctor@hospital.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Your application has an offer", message.Subject);
        Assert.Equal("Dear Dr Li,\n\nYou are offered a place.\n", message.TextBody);
        Assert.Null(message.HtmlBody);
        Assert.Equal("notification-0@vhu.test", message.MessageId);
        Assert.Equal(Now, message.Date);
    }

    [Fact]
    public void A_notification_to_an_invalid_address_cannot_become_an_email()
    {
        var notification = new Notification("waitlist.offered", "not an address", "Subject", "Body", Now);

        Assert.Throws<ParseException>(() => OutboxDispatcher.ToMessage(notification, MailboxAddress.Parse(OutboxSettings.DefaultFrom)));
    }

    [Theory]
    [InlineData("localhost", 25, false, SecureSocketOptions.None)]
    [InlineData("127.0.0.1", 587, false, SecureSocketOptions.None)]
    [InlineData("::1", 25, false, SecureSocketOptions.None)]
    [InlineData("smtp.vhu.test", 587, false, SecureSocketOptions.StartTls)]
    [InlineData("smtp.vhu.test", 25, false, SecureSocketOptions.StartTls)]
    [InlineData("10.0.0.5", 587, false, SecureSocketOptions.StartTls)]
    [InlineData("smtp.vhu.test", 465, false, SecureSocketOptions.SslOnConnect)]
    [InlineData("smtp.vhu.test", 587, true, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("localhost", 25, true, SecureSocketOptions.None)]
    public void Only_a_relay_on_this_machine_is_spoken_to_without_tls_unless_insecure_mail_is_allowed(string host, int port, bool allowInsecure,
        SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpEmailTransport.SocketOptionsFor(host, port, allowInsecure));

    [Fact]
    public async Task The_pickup_folder_gets_one_readable_eml_file_per_message()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"exchange-portal-mail-{Guid.NewGuid():N}");
        try
        {
            var transport = new PickupFolderEmailTransport(folder);
            await transport.SendAsync(OutboxDispatcher.ToMessage(Sample(), MailboxAddress.Parse(OutboxSettings.DefaultFrom)), CancellationToken.None);

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal("Your application has an offer", message.Subject);
            Assert.Equal("no-reply@exchange-portal.local", Assert.Single(message.From.Mailboxes).Address);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
