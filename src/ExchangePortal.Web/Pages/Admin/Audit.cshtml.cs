using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

public class AuditModel(AuditTrail trail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    public AuditPage Trail { get; private set; } = null!;

    public class FilterInput
    {
        [StringLength(256)] public string? Actor { get; set; }
        [StringLength(100)] public string? Type { get; set; }
        [StringLength(100)] public string? Record { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        [Range(1, int.MaxValue)] public int P { get; set; } = 1;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            Filter = new FilterInput();
        Trail = await trail.ListAsync(new AuditFilter(Filter.Actor, Filter.Type, Filter.Record, Filter.From, Filter.To, Filter.P), ct);
    }

    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["Filter.Actor"] = Filter.Actor ?? "",
        ["Filter.Type"] = Filter.Type ?? "",
        ["Filter.Record"] = Filter.Record ?? "",
        ["Filter.From"] = Filter.From?.ToString("yyyy-MM-dd") ?? "",
        ["Filter.To"] = Filter.To?.ToString("yyyy-MM-dd") ?? "",
        ["Filter.P"] = page.ToString(),
    };
}
