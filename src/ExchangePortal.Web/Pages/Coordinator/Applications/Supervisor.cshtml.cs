using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Stays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

/// <summary>The placement's supervisor and their email, where the evaluation link goes.</summary>
public class SupervisorModel(ApplicationReview review, StayOutcomes outcomes, CoordinatorApplications decisions) : PageModel
{
    public ReviewDetails Application { get; private set; } = null!;
    public SupervisorInput Supervisor { get; set; } = new();

    [TempData] public string? StatusMessage { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, fill: true, ct);

    public Task<IActionResult> OnPostAsync(int id, uint version, SupervisorInput supervisor, CancellationToken ct) =>
        this.DecideAsync(() => decisions.NameSupervisorAsync(id, version, supervisor.Name, supervisor.Email, User.UserId(), ct),
            "Supervisor saved.", () => ShowAsync(id, fill: false, ct), new { id }, "/Coordinator/Applications/Review");

    private async Task<IActionResult> ShowAsync(int id, bool fill, CancellationToken ct)
    {
        var (details, stay) = (await review.GetAsync(id, ct: ct), await outcomes.GetAsync(id, ct));
        if (details is null || stay is null)
            return NotFound();
        Application = details;
        if (fill)
            Supervisor = new() { Name = stay.Supervisor ?? "", Email = stay.SupervisorEmail };
        return Page();
    }
}
