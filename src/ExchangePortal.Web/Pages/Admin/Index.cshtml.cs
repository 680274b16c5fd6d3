using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin;

public class IndexModel(AdminDashboard dashboard) : PageModel
{
    public DashboardView Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await dashboard.GetAsync(ct);
}
