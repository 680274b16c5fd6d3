using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>One ticked-or-not box of a list (a role, a collaboration area): the value and label travel with the form.</summary>
public class Choice
{
    [StringLength(256)]
    public string Value { get; set; } = "";

    [StringLength(256)]
    public string Label { get; set; } = "";

    public bool Selected { get; set; }

    public static List<Choice> Of<T>(IEnumerable<T> items, Func<T, string> value, Func<T, string> label, Func<T, bool> selected) =>
        items.Select(i => new Choice { Value = value(i), Label = label(i), Selected = selected(i) }).ToList();
}
