using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator;

public class IndexModel(CoordinatorHome home) : PageModel
{
    public ReviewQueue Queue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Queue = await home.GetQueueAsync(ct);
}
