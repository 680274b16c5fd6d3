using Microsoft.AspNetCore.Mvc;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>
/// The dashboard's figures are the same for every administrator: the page renders them once per saved change, language and
/// role, and keeps the HTML for at most <see cref="FiguresLifetime"/> (the view's cache tag), so changes that do not go
/// through this server's saves (other servers', SQL) show within that time.
/// </summary>
public class IndexModel(AdminDashboard dashboard, DataChanges changes) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public static readonly TimeSpan FiguresLifetime = TimeSpan.FromSeconds(30);

    public long DataVersion { get; } = changes.Version;

    /// <summary>
    /// Read by the view only when the kept figures are out of date, and not cancelled when this visitor leaves: the cache
    /// tag makes every administrator who asks meanwhile wait for this one read (they got a 500 when it was cancelled).
    /// </summary>
    public Task<DashboardView> LoadAsync() => dashboard.GetAsync(CancellationToken.None);
}
