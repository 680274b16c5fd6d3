using ExchangePortal.Core;
using ExchangePortal.Core.Cohorts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

[EvictsPublicPages]
public class CreateModel(CohortAdministration cohorts) : PageModel
{
    public NewCohortInput Input { get; private set; } = new();

    public IReadOnlyList<Option<int>> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var options = await cohorts.GetNewCohortOptionsAsync(ct);
        (Agreements, Input.Labs) = (options.Agreements, LabSeatsInput.From(options.Labs));
    }

    public Task<IActionResult> OnPostAsync(NewCohortInput input, CancellationToken ct)
    {
        Input = input;
        return this.DecideAsync(() => cohorts.CreateAsync(input.AgreementId!.Value, input.ToPlan(), ct),
            $"{input.Name} was created with its key dates as milestones of the agreement.", async () =>
            {
                Agreements = (await cohorts.GetNewCohortOptionsAsync(ct)).Agreements;
                return Page();
            }, "Details");
    }
}
