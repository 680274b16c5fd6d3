using MimeKit;

namespace ExchangePortal.Core.Notifications;

/// <summary>Writes each message as an .eml file into a folder, for development: open them with any mail reader.</summary>
public sealed class PickupFolderEmailTransport(string folder) : IEmailTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, ct);
    }
}
