namespace ExchangePortal.Core.Privacy;

/// <summary>One published version of the privacy notice; its text (English and Chinese) is kept for as long as the portal runs.</summary>
public sealed record NoticeVersion(string Version, DateOnly PublishedOn);

/// <summary>The privacy notice's versions and the one in force (Privacy:NoticeVersion, the latest by default).</summary>
public sealed class PrivacyNotice
{
    /// <summary>Every version ever published, oldest first; add one (and its text) when the notice's text changes.</summary>
    public static readonly IReadOnlyList<NoticeVersion> Versions =
    [
        new("2026-11", new DateOnly(2026, 11, 1)),
        new("2026-12", new DateOnly(2026, 12, 2)),
    ];

    public static string Latest => Versions[^1].Version;

    public PrivacyNotice(string current)
    {
        if (!Exists(current))
            throw new ArgumentException($"Privacy:NoticeVersion must be one of {string.Join(", ", Versions.Select(v => v.Version))}.", nameof(current));
        Current = current;
    }

    /// <summary>The version every signed-in person must have accepted or declined before anything else.</summary>
    public string Current { get; }

    public static bool Exists(string? version) => Versions.Any(v => v.Version == version);
}
