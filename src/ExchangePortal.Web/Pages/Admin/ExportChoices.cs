using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;

namespace ExchangePortal.Web.Pages.Admin;

/// <summary>The applications export: every cohort and status unless one is chosen.</summary>
public class ApplicationsExport
{
    [Display(Name = "Cohort")]
    public int? Cohort { get; set; }

    [Display(Name = "Status")]
    public ApplicationStatus? Status { get; set; }
}

/// <summary>The roster export: one cohort's roster.</summary>
public class RosterExport
{
    [Display(Name = "Cohort")]
    public int? Cohort { get; set; }
}
