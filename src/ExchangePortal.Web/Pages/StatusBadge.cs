using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages;

public static partial class StatusBadge
{
    /// <summary>Bootstrap colour of a status badge; each keeps text contrast above 4.5:1 for axe.</summary>
    public static string CssFor(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Offered or ApplicationStatus.Confirmed or ApplicationStatus.InProgress or ApplicationStatus.Completed => "text-bg-success",
        ApplicationStatus.Rejected or ApplicationStatus.NotEndorsed or ApplicationStatus.Cancelled => "text-bg-danger",
        ApplicationStatus.ChangesRequested or ApplicationStatus.Waitlisted => "text-bg-warning",
        ApplicationStatus.Draft or ApplicationStatus.Withdrawn or ApplicationStatus.Declined => "text-bg-secondary",
        _ => "text-bg-primary",
    };

    public static string Text(ApplicationStatus status) =>
        (uint)status < (uint)Texts.Length ? Texts[(int)status] : Words(status);

    /// <summary>The status badge (a span), rendered inline: cheaper than a partial view per table row.</summary>
    public static IHtmlContent Html(ApplicationStatus status, IStringLocalizer localizer) =>
        new InlineBadge("status-badge " + CssFor(status), localizer[Text(status)]);

    // The words of every status, computed once (Words runs a regular expression).
    private static readonly string[] Texts = BuildTexts();

    private static string[] BuildTexts()
    {
        var values = Enum.GetValues<ApplicationStatus>();
        var texts = new string[values.Max(v => (int)v) + 1];
        foreach (var value in values)
            texts[(int)value] = Words(value);
        return texts;
    }

    /// <summary>An enum value in plain words: InProgress → "In progress".</summary>
    public static string Words(Enum value)
    {
        var words = CapitalLetter().Replace(value.ToString(), " $1").Trim();
        return words[..1] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CapitalLetter();
}

/// <summary>A badge span written straight to the page: cheaper than a partial view per table row or cell.</summary>
internal sealed class InlineBadge(string classes, string text, string? state = null) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<span class=\"badge ");
        writer.Write(classes);
        if (state is not null)
        {
            writer.Write("\" data-state=\"");
            writer.Write(state);
        }
        writer.Write("\">");
        encoder.Encode(writer, text);
        writer.Write("</span>");
    }
}
