using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace ExchangePortal.Web.Pages;

/// <summary>
/// The version of the record the user is looking at, as the hidden field every state-changing form posts: a change made
/// meanwhile by someone else refuses the post. The one place the field's name is written (a helper, not a partial: a
/// partial per form showed in the profile of the pages with several forms).
/// </summary>
public static class VersionField
{
    public static IHtmlContent Html(uint version) =>
        new HtmlString($"<input type=\"hidden\" name=\"version\" value=\"{version.ToString(CultureInfo.InvariantCulture)}\" />");
}
