using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

public class IndexModel(AgreementOffice office) : PageModel
{
    public IReadOnlyList<AgreementRow> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Agreements = await office.ListAsync(ct);
}
