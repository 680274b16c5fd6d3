using ExchangePortal.Web.Pages.Bench;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ExchangePortal.Web.Setup;

public sealed class BenchmarkOptions
{
    /// <summary>Serve the /bench/fortunes baseline page (scripts/bench.sh); otherwise it is a 404.</summary>
    public bool Enabled { get; set; }
}

public static class PortalBenchmark
{
    /// <summary>The Fortunes baseline page, routed only when Benchmark:Enabled is true.</summary>
    public static void AddPortalBenchmarkBaseline(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<BenchmarkOptions>("Benchmark");
        builder.Services.AddScoped<Fortunes>();
        builder.Services.AddOptions<RazorPagesOptions>().Configure<IOptions<BenchmarkOptions>>((pages, benchmark) =>
        {
            if (!benchmark.Value.Enabled)
                pages.Conventions.AddPageRouteModelConvention("/Bench/Fortunes", model => model.Selectors.Clear());
        });
    }
}
