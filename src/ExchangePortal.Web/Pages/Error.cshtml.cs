using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages;

/// <summary>The one friendly page for every error status and unhandled exception; it never shows a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var problem = DatabaseErrors.Classify(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
        Code = problem switch
        {
            DatabaseProblem.DataError => StatusCodes.Status400BadRequest,
            DatabaseProblem.Outage => StatusCodes.Status503ServiceUnavailable,
            _ => code is >= 400 and <= 599 ? code.Value : Response.StatusCode, // ?code= names an error status, nothing else
        };
        Response.StatusCode = Code;
        if (Code == StatusCodes.Status503ServiceUnavailable)
            Response.Headers.RetryAfter = DatabaseErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        (Heading, Explanation) = Code switch
        {
            400 when problem == DatabaseProblem.DataError => ("Please check what you entered", "The portal could not store or look up a value you entered (an unusual character, or a number or date out of range). Nothing was changed; please go back, correct it and try again."),
            403 => ("Access denied", "Your account does not have access to this page. If you think it should, ask the programme office."),
            404 => ("Page not found", "There is no such page, or it is not yours to see."),
            405 or 400 => ("That request could not be handled", "Please go back, reload the page and try again."),
            413 => ("The file is too large", "Upload files of 10 MB at most, then try again."),
            429 => ("Too many attempts", "Please wait a minute before trying again."),
            503 => (DatabaseErrors.OutageHeading, DatabaseErrors.OutageExplanation),
            _ => ("Something went wrong", "The portal could not complete your request. Nothing was changed; please try again, and tell the programme office if it happens again."),
        };
    }
}
