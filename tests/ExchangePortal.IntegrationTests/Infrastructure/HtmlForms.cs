using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ExchangePortal.Core.Demo;

namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>Reads pages and submits their real forms, antiforgery token included, the way a browser would.</summary>
public static class HtmlForms
{
    public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document, string Path);

    public static async Task<Page> GetPageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return new Page(response, await ParseAsync(response), path);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, Page page, string formSelector,
        IReadOnlyDictionary<string, string> values)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form {formSelector} on {page.Path}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                        fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in values)
        {
            // Field names match case-insensitively, as the server's model binding does.
            fields.RemoveAll(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase));
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? page.Path : WebUtility.HtmlDecode(action), new FormUrlEncodedContent(fields));
    }

    /// <summary>A client signed in through the real login form; it does not follow redirects.</summary>
    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string email, string password = DemoData.Password)
    {
        // The factory's own base address: https for ProductionPortalFactory, whose cookies are Secure.
        var client = factory.CreateClientWithoutRedirects();
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}.");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var login = await client.GetPageAsync("/Identity/Account/Login");
        return await client.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public static string Text(this IHtmlDocument document) => document.Body?.TextContent ?? "";
}
