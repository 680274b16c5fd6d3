using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangePortal.Web.Pages.Coordinator;

public class IndexModel(ReviewQueue queue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    public ReviewQueuePage Queue { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public class FilterInput
    {
        public int? Cohort { get; set; }
        public ApplicationStatus? Status { get; set; }
        public int? Lab { get; set; }
        // A NUL character (PostgreSQL text cannot hold it) is refused by the input guard, like any other invalid filter.
        [StringLength(200)] public string? Specialty { get; set; }
        public int? Hospital { get; set; }
        [StringLength(100)] public string? Q { get; set; }
        public QueueSort Sort { get; set; }
        [Range(1, int.MaxValue)] public int P { get; set; } = 1;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            Filter = new FilterInput();
        Queue = await queue.GetAsync(new QueueFilter(Filter.Cohort, Filter.Status, Filter.Lab, Filter.Specialty, Filter.Hospital,
            Filter.Q, Filter.Sort, Filter.P), ct);
    }

    /// <summary>The current filter as route values, with the page changed (for paging links).</summary>
    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["Filter.Cohort"] = Filter.Cohort?.ToString() ?? "",
        ["Filter.Status"] = Filter.Status?.ToString() ?? "",
        ["Filter.Lab"] = Filter.Lab?.ToString() ?? "",
        ["Filter.Specialty"] = Filter.Specialty ?? "",
        ["Filter.Hospital"] = Filter.Hospital?.ToString() ?? "",
        ["Filter.Q"] = Filter.Q ?? "",
        ["Filter.Sort"] = Filter.Sort.ToString(),
        ["Filter.P"] = page.ToString(),
    };
}
