using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;

namespace ExchangePortal.Web.Pages.Coordinator.Views;

/// <summary>The name a coordinator saves the queue's current filter and sort under.</summary>
public class SaveViewInput
{
    [Required(ErrorMessage = "Give the view a name.")]
    [StringLength(SavedQueueView.MaxNameLength, ErrorMessage = "Keep the view's name under 100 characters.")]
    [Display(Name = "Save this view as")]
    public string Name { get; set; } = "";
}

/// <summary>The model of the queue's "Save this view" form: the filter it carries (as hidden fields) and the name.</summary>
public sealed class SaveViewForm(Coordinator.IndexModel.FilterInput filter)
{
    public Coordinator.IndexModel.FilterInput Filter { get; } = filter;

    public SaveViewInput SaveView { get; } = new();

    /// <summary>The filter as the queue binds it, in a link ("/Coordinator?Filter.Status=…").</summary>
    public static Dictionary<string, string> RouteOf(QueueFilter f) => new()
    {
        ["Filter.Cohort"] = f.CohortId?.ToString() ?? "",
        ["Filter.Status"] = f.Status?.ToString() ?? "",
        ["Filter.Lab"] = f.HostLabId?.ToString() ?? "",
        ["Filter.Specialty"] = f.Specialty ?? "",
        ["Filter.Hospital"] = f.HospitalId?.ToString() ?? "",
        ["Filter.Q"] = f.Search ?? "",
        ["Filter.Sort"] = f.Sort.ToString(),
    };

    public static QueueFilter FilterOf(Coordinator.IndexModel.FilterInput f) => new(f.Cohort, f.Status, f.Lab, f.Specialty, f.Hospital, f.Q, f.Sort);
}
