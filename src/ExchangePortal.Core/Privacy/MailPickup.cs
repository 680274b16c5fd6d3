using MimeKit;

namespace ExchangePortal.Core.Privacy;

/// <summary>The folder the portal writes its mail into as .eml files (Email:PickupFolder), or null when it sends by SMTP.</summary>
public sealed record MailPickup(string? Folder)
{
    /// <summary>Deletes the files addressed to, or mentioning, any of <paramref name="identifiers"/>; returns how many.</summary>
    internal int DeleteMentioning(IReadOnlyCollection<string> identifiers) =>
        identifiers.Count == 0 ? 0 : Delete(path => Mentions(path, identifiers));

    /// <summary>Deletes the files written before <paramref name="cutoff"/>; returns how many.</summary>
    internal int DeleteOlderThan(DateTimeOffset cutoff) => Delete(path => File.GetLastWriteTimeUtc(path) < cutoff.UtcDateTime);

    private int Delete(Func<string, bool> eligible)
    {
        if (Folder is null || !Directory.Exists(Folder))
            return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.eml"))
        {
            if (!eligible(path))
                continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }

    /// <summary>Reads the message decoded (headers, text and HTML body), since names in Chinese travel base64-encoded.</summary>
    public static string Text(string path)
    {
        using var message = MimeMessage.Load(path);
        return string.Join("\n", message.From, message.To, message.Cc, message.Subject, message.TextBody, message.HtmlBody);
    }

    private static bool Mentions(string path, IReadOnlyCollection<string> identifiers)
    {
        var text = Text(path);
        return identifiers.Any(i => text.Contains(i, StringComparison.OrdinalIgnoreCase));
    }
}
