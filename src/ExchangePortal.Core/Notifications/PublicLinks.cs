namespace ExchangePortal.Core.Notifications;

/// <summary>
/// Absolute links to the portal's pages, built from its public address (Portal:PublicUrl), so that a link in an email
/// opens from a mail client.
/// </summary>
public sealed class PublicLinks
{
    public PublicLinks(Uri publicUrl)
    {
        if (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttps && publicUrl.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("The public address must be an absolute http(s) URL.", nameof(publicUrl));
        // A trailing slash keeps a path base ("https://example.org/portal/") when pages are resolved against it.
        BaseUrl = publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl : new Uri(publicUrl.AbsoluteUri + "/");
    }

    public Uri BaseUrl { get; }

    /// <summary>The absolute link to a page path ("/Applicant/Applications/12"), with query values escaped.</summary>
    public string To(string path, params (string Name, string Value)[] query)
    {
        var link = new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri;
        return query.Length == 0
            ? link
            : link + "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
    }
}
