using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Bench;

/// <summary>The benchmark baseline (TechEmpower Fortunes); routed only when Benchmark:Enabled is true.</summary>
public class FortunesModel(Fortunes fortunes) : PageModel
{
    public IReadOnlyList<Fortune> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await fortunes.ListAsync(ct);
}
