using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web;

public static class LocalizerExtensions
{
    /// <summary>
    /// Lower-case words inside a sentence ("full name") share the entry of their capitalised form ("Full name"):
    /// resx names are case-insensitive, so both cannot be keys. Untranslated words come back as they were.
    /// </summary>
    public static string InSentence(this IStringLocalizer localizer, string words)
    {
        var exact = localizer[words];
        if (!exact.ResourceNotFound || words.Length == 0)
            return exact.Value;
        var capitalised = localizer[char.ToUpperInvariant(words[0]) + words[1..]];
        return capitalised.ResourceNotFound ? words : capitalised.Value;
    }
}
