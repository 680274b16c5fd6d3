using AngleSharp.Html.Dom;

namespace ExchangePortal.IntegrationTests.Messages;

/// <summary>One portal for a test class, sending its outbox (by hand) to a real SMTP server.</summary>
public sealed class MessagePortal : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();

    public EmailPortalFactory Portal { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Portal = new EmailPortalFactory(Smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Posts <paramref name="values"/> to <paramref name="path"/> with the antiforgery token of a page the client may
    /// open, as a forged or hand-made form would.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string tokenPage, string path,
        Dictionary<string, string> values)
    {
        var page = await client.GetPageAsync(tokenPage);
        var token = page.Document.QuerySelectorAll("input[name=__RequestVerificationToken]").OfType<IHtmlInputElement>().First().Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token))));
    }
}
