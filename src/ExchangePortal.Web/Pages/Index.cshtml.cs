using Microsoft.AspNetCore.OutputCaching;
using ExchangePortal.Core.Programme;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages;

[OutputCache(PolicyName = PublicPages.Policy)]
public class IndexModel(PublicProgramme programme) : PageModel
{
    public ProgrammeOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await programme.GetOverviewAsync(ct);
}
