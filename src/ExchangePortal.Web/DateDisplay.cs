using System.Globalization;

namespace ExchangePortal.Web;

/// <summary>Dates as a reader of the page's language writes them: "28 Nov 2026" or "2026年11月28日".</summary>
public static class DateDisplay
{
    public static string Display(this DateOnly date) => date.ToString(Pattern(), CultureInfo.CurrentUICulture);

    public static string Display(this DateTimeOffset instant) => instant.ToString(Pattern(), CultureInfo.CurrentUICulture);

    /// <summary>A month as a reader writes it: "Nov 2026" or "2026年11月".</summary>
    public static string DisplayMonth(this DateOnly date) =>
        date.ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "yyyy年M月" : "MMM yyyy", CultureInfo.CurrentUICulture);

    public static string DisplayWithTime(this DateTimeOffset instant) => instant.ToString(Pattern() + " HH:mm", CultureInfo.CurrentUICulture);

    private static string Pattern() =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "yyyy年M月d日" : "d MMM yyyy";
}
