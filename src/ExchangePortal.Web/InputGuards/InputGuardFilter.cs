using ExchangePortal.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace ExchangePortal.Web.InputGuards;

/// <summary>
/// The guard every page request passes once, after model binding and before its handler (registered in PortalWeb for all
/// pages): it reads what the request carries, not what a page happens to bind, so a field no model declares is covered too.
/// <list type="bullet">
/// <item>A query or form value, or an uploaded file's name, with a control character (NUL and the other C0 characters
/// except tab and line breaks) is a validation error: under its field, and once for the whole form.</item>
/// <item>An uploaded file's name longer than its column is a validation error under its field.</item>
/// <item>A route value with a control character names no record: 404. A request for a handler the page does not have: 404
/// (405 when the page has no handler for the method at all), instead of a page rendered without its data.</item>
/// <item>Errors of a handler's plain parameters (a version, an action, a note) are shown at the top of the form: no field
/// of the page carries their names, so they would otherwise be invisible.</item>
/// </list>
/// Handlers then see an invalid ModelState and show the form again (<see cref="PageDecisions"/>) or ignore the filter.
/// </summary>
public sealed class InputGuardFilter(IStringLocalizer<SharedResource> l, IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public const string ControlCharacterInField = "Remove the control character (such as NUL) from this field.";

    public const string ControlCharacterInForm =
        "Some of what you entered contains a control character (such as NUL), which cannot be stored. Remove it and try again.";

    public const string FileNameTooLong = "The file name is longer than 255 characters; rename the file and upload it again.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        // The error page shows a failed request again: what that request carried was guarded (or not) on its first pass.
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            await next();
            return;
        }
        if (context.RouteData.Values.Values.Any(v => v is string s && InputLimits.HasControlCharacter(s)))
        {
            context.Result = new NotFoundResult();
            return;
        }
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0
            && context.HandlerInstance.GetType().Assembly == typeof(InputGuardFilter).Assembly)
        {
            context.Result = HasHandlerFor(context, http.Request.Method) ? new NotFoundResult() : new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        var modelState = context.ModelState;
        var controlCharacters = Check(http.Request.Query, modelState);
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            // A form the framework cannot read (a NUL in a url-encoded body is refused by its decoder) is a bad request.
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                context.Result = new BadRequestResult();
                return;
            }
            controlCharacters |= Check(form, modelState);
            foreach (var file in form.Files)
            {
                if (InputLimits.HasControlCharacter(file.FileName) || InputLimits.HasControlCharacter(file.Name))
                {
                    modelState.TryAddModelError(Key(file.Name), l[ControlCharacterInField]);
                    controlCharacters = true;
                }
                else if (Path.GetFileName(file.FileName).Length > InputLimits.MaxFileNameLength)
                    modelState.TryAddModelError(file.Name, l[FileNameTooLong]);
            }
        }
        if (controlCharacters)
            modelState.TryAddModelError(string.Empty, l[ControlCharacterInForm]);
        if (context.HandlerMethod is { } handler)
            ShowParameterErrors(handler.Parameters, modelState);
        await next();
    }

    private bool Check(IEnumerable<KeyValuePair<string, StringValues>> values, ModelStateDictionary modelState)
    {
        var found = false;
        foreach (var (key, value) in values)
        {
            if (!InputLimits.HasControlCharacter(key) && !value.Any(InputLimits.HasControlCharacter))
                continue;
            modelState.TryAddModelError(Key(key), l[ControlCharacterInField]);
            found = true;
        }
        return found;
    }

    // A field name with a control character is no field of the page: its message goes to the top of the form.
    private static string Key(string field) => InputLimits.HasControlCharacter(field) ? string.Empty : field;

    private void ShowParameterErrors(IEnumerable<Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor> parameters, ModelStateDictionary modelState)
    {
        foreach (var parameter in parameters)
        {
            if (metadata.GetMetadataForType(parameter.ParameterType).IsComplexType)
                continue;
            var key = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            if (!modelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
                continue;
            foreach (var error in entry.Errors.ToList())
                modelState.TryAddModelError(string.Empty, string.IsNullOrEmpty(error.ErrorMessage) ? l[BindingMessages.NotValid] : error.ErrorMessage);
            // The attempted value stays, for the form shown again; the message now lives at the top only.
            entry.Errors.Clear();
            entry.ValidationState = ModelValidationState.Valid;
        }
    }

    private static bool HasHandlerFor(PageHandlerExecutingContext context, string method) =>
        context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase)));
}
