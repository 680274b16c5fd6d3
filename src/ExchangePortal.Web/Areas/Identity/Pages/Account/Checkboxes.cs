using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

public static class Checkboxes
{
    /// <summary>
    /// A checkbox posted with a value that is not a boolean ("abc") keeps its error, but not the value: the checkbox tag
    /// helper would parse it again to render the page and throw (a 500). Call before showing the page again.
    /// </summary>
    public static void ForgetUnreadable(this ModelStateDictionary modelState, params string[] keys)
    {
        foreach (var key in keys)
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 && !bool.TryParse(entry.AttemptedValue, out _))
                modelState.SetModelValue(key, rawValue: null, attemptedValue: null);
    }
}
