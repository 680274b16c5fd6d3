using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// Which validation messages a page has shown: the fields of its <c>asp-validation-for</c> elements and the kind of its
/// summaries. The layout, rendered after the page, lists what no element showed (<c>_UnshownProblems</c>), so that a
/// refused value is always explained, even on a field the form gives no message element (a checkbox, a hidden field).
/// </summary>
public sealed class ShownMessages
{
    private static readonly object Key = new();

    public HashSet<string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool ModelOnly { get; set; }

    public bool All { get; set; }

    /// <summary>The request's record, started on first use.</summary>
    public static ShownMessages For(HttpContext context)
    {
        if (context.Items[Key] is not ShownMessages shown)
            context.Items[Key] = shown = new ShownMessages();
        return shown;
    }

    /// <summary>The messages no element of the page showed; none when the page shows none of its own (a page of the
    /// Identity UI, whose markup this portal does not see).</summary>
    public static IReadOnlyList<string> Unshown(HttpContext context, ModelStateDictionary modelState)
    {
        if (modelState.IsValid || context.Items[Key] is not ShownMessages shown || shown.All)
            return [];
        return modelState
            .Where(e => e.Value is { Errors.Count: > 0 } && (e.Key.Length == 0 ? !shown.ModelOnly : !shown.Fields.Contains(e.Key)))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct().ToList();
    }
}

/// <summary>Records, next to the framework's own tag helpers, each validation message and summary a page renders.</summary>
[HtmlTargetElement(Attributes = ForAttribute)]
[HtmlTargetElement(Attributes = SummaryAttribute)]
public sealed class ShownMessagesTagHelper : TagHelper
{
    private const string ForAttribute = "asp-validation-for";
    private const string SummaryAttribute = "asp-validation-summary";

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName(SummaryAttribute)]
    public ValidationSummary? Summary { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var shown = ShownMessages.For(ViewContext.HttpContext);
        if (For is not null)
            shown.Fields.Add(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name));
        if (Summary is ValidationSummary.All)
            shown.All = true;
        else if (Summary is ValidationSummary.ModelOnly)
            shown.ModelOnly = true;
    }
}
