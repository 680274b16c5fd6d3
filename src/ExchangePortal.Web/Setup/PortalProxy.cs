using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class ProxyOptions
{
    /// <summary>Addresses of the reverse proxies (nginx) whose X-Forwarded-For, -Proto and -Host are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, such as 172.30.10.0/24) whose proxies are believed likewise.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Configured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

public static class PortalProxy
{
    /// <summary>Behind TLS-terminating proxies: the client's address, scheme and host from the proxies listed in Proxy:*, and no Server header.</summary>
    public static void AddPortalProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<ProxyOptions>("Proxy")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "Proxy:KnownProxies must be IP addresses, such as 172.30.10.10.")
            .Validate(o => o.KnownNetworks.All(n => IPNetwork.TryParse(n, out _)),
                "Proxy:KnownNetworks must be networks in CIDR notation, such as 172.30.10.0/24.");
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the listed proxies are believed (the defaults, loopback, are dropped); one proxy hop, its own entry.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.Value.KnownNetworks)
                options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            options.ForwardLimit = 1;
        });
        // The response does not name the server software (nginx is told the same: server_tokens off).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    }

    /// <summary>First in the pipeline, so that HTTPS, HSTS, Secure cookies, links and rate limits see the real client.</summary>
    public static void UsePortalProxy(this WebApplication app)
    {
        // With no proxy listed nothing is forwarded: the middleware would otherwise believe any sender.
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Configured)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl is { } url
            && PortalOptions.IsHttps(url))
            app.UsePortalHttpsOnly(new Uri(url));
    }

    /// <summary>
    /// A request that reached an instance over plain http, not through the TLS proxy, is sent to the same address at the
    /// public https one (its Secure cookies could not work over http); health checks are answered where they are asked.
    /// </summary>
    private static void UsePortalHttpsOnly(this WebApplication app, Uri publicUrl) =>
        app.Use((context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
                return next(context);
            var target = new Uri(publicUrl, context.Request.Path.ToUriComponent().TrimStart('/') + context.Request.QueryString.Value);
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = target.AbsoluteUri;
            return Task.CompletedTask;
        });
}
