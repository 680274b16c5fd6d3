using ExchangePortal.Core.Clearance;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages;

/// <summary>The state of one pre-arrival paper as a badge, rendered inline: the clearance board shows one per doctor and
/// paper, and a partial view per cell cost more than the rest of the board.</summary>
public static class ClearanceBadge
{
    /// <summary>Bootstrap colour of the badge; each keeps text contrast above 4.5:1 for axe.</summary>
    public static string CssFor(ClearanceState state) => state switch
    {
        ClearanceState.Verified => "text-bg-success",
        ClearanceState.Waiting => "text-bg-info",
        ClearanceState.Returned => "text-bg-danger",
        ClearanceState.ExpiresBeforeStayEnds => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    public static IHtmlContent Html(ClearanceState state, IStringLocalizer localizer) =>
        new InlineBadge(CssFor(state), localizer[state.Describe()], state.ToString());
}
