using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Clearance;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

/// <summary>The fields of the create and edit forms of a cohort.</summary>
public class CohortInput
{
    [Required(ErrorMessage = "Please enter the cohort's name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Please enter the day the application window opens.")]
    [DataType(DataType.Date)]
    [Display(Name = "Application window opens")]
    public DateOnly? ApplicationOpensOn { get; set; }

    [Required(ErrorMessage = "Please enter the day the application window closes.")]
    [DataType(DataType.Date)]
    [Display(Name = "Application window closes")]
    public DateOnly? ApplicationClosesOn { get; set; }

    [Required(ErrorMessage = "Please enter the day the exchange starts.")]
    [DataType(DataType.Date)]
    [Display(Name = "Exchange starts")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Please enter the day the exchange ends.")]
    [DataType(DataType.Date)]
    [Display(Name = "Exchange ends")]
    public DateOnly? EndsOn { get; set; }

    [Required(ErrorMessage = "Please enter the cohort's capacity.")]
    [Range(0, 1000, ErrorMessage = "The capacity must be between 0 and 1000.")]
    [Display(Name = "Capacity (doctors in total)")]
    public int? Capacity { get; set; }

    [Display(Name = "Applications need their hospital's endorsement")]
    public bool RequiresEndorsement { get; set; } = true;

    public List<LabSeatsInput> Labs { get; set; } = [];

    public List<ClearanceKindInput> Clearance { get; set; } = ClearanceKindInput.From(ClearanceRules.DefaultRequired);

    public CohortPlan ToPlan() => new(Name, ApplicationOpensOn!.Value, ApplicationClosesOn!.Value, StartsOn!.Value, EndsOn!.Value,
        Capacity!.Value, RequiresEndorsement,
        Labs.Where(l => l.TakesPart).Select(l => new LabSeatPlan(l.HostLabId, l.Seats ?? 0)).ToList(),
        Clearance.Where(c => c.Required).Select(c => c.Kind).ToList());

    public static CohortInput From(CohortPlan plan, IEnumerable<CohortLabOption> labs) => new()
    {
        Name = plan.Name,
        ApplicationOpensOn = plan.ApplicationOpensOn,
        ApplicationClosesOn = plan.ApplicationClosesOn,
        StartsOn = plan.StartsOn,
        EndsOn = plan.EndsOn,
        Capacity = plan.Capacity,
        RequiresEndorsement = plan.RequiresEndorsement,
        Labs = LabSeatsInput.From(labs),
        Clearance = ClearanceKindInput.From(plan.ClearanceKinds ?? ClearanceRules.DefaultRequired),
    };
}

/// <summary>The create form: a cohort runs under one agreement, chosen once.</summary>
public class NewCohortInput : CohortInput
{
    [Required(ErrorMessage = "Please choose the agreement the cohort runs under.")]
    [Display(Name = "Agreement")]
    public int? AgreementId { get; set; }
}

/// <summary>The "Copy to the next cycle" form: the interval every date of the copy moves by.</summary>
public class CopyInput
{
    [Range(0, ExchangeCohort.MaxCopyMonths, ErrorMessage = "Months must be between 0 and 120.")]
    [Display(Name = "Months later")]
    public int? Months { get; set; } = 12;

    [Range(0, ExchangeCohort.MaxCopyDays, ErrorMessage = "Days must be between 0 and 3660.")]
    [Display(Name = "Days later")]
    public int? Days { get; set; } = 0;
}

public class LabSeatsInput
{
    public int HostLabId { get; set; }

    [StringLength(200)]
    public string Name { get; set; } = "";

    public bool TakesPart { get; set; }

    [Range(0, 50, ErrorMessage = "Seats per lab must be between 0 and 50.")]
    public int? Seats { get; set; }

    public int SeatsTaken { get; set; }

    public static List<LabSeatsInput> From(IEnumerable<CohortLabOption> labs) => labs.Select(l => new LabSeatsInput
    {
        HostLabId = l.HostLabId,
        Name = l.Name,
        TakesPart = l.TakesPart,
        Seats = l.Seats,
        SeatsTaken = l.SeatsTaken,
    }).ToList();
}

/// <summary>One pre-arrival document the cohort may require before arrival (the clearance board's columns).</summary>
public class ClearanceKindInput
{
    public DocumentKind Kind { get; set; }

    public bool Required { get; set; }

    public static List<ClearanceKindInput> From(IReadOnlyCollection<DocumentKind> required) =>
        ClearanceRules.PreArrivalKinds.Select(k => new ClearanceKindInput { Kind = k, Required = required.Contains(k) }).ToList();
}
