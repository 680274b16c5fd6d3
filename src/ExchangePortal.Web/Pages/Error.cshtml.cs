using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

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
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Code = error is not null && IsDatabaseOutage(error) ? StatusCodes.Status503ServiceUnavailable : code ?? Response.StatusCode;
        Response.StatusCode = Code;
        (Heading, Explanation) = Code switch
        {
            403 => ("Access denied", "Your account does not have access to this page. If you think it should, ask the programme office."),
            404 => ("Page not found", "There is no such page, or it is not yours to see."),
            405 or 400 => ("That request could not be handled", "Please go back, reload the page and try again."),
            413 => ("The file is too large", "Upload files of 10 MB at most, then try again."),
            429 => ("Too many attempts", "Please wait a minute before trying again."),
            503 => ("The portal is briefly unavailable", "The portal cannot reach its database right now. Nothing you did was lost; please try again in a minute."),
            _ => ("Something went wrong", "The portal could not complete your request. Nothing was changed; please try again, and tell the programme office if it happens again."),
        };
    }

    private static bool IsDatabaseOutage(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or SocketException or TimeoutException)
                return true;
        }
        return false;
    }
}
