using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Cohorts;

namespace ExchangePortal.Web.Pages.Coordinator.Cohorts;

/// <summary>Why the cohort is cancelled: every applicant and hospital coordinator reads it.</summary>
public class CancelInput
{
    [Required(ErrorMessage = "Please give a reason for cancelling the cohort.")]
    [StringLength(ExchangeCohort.MaxCancellationReasonLength, ErrorMessage = "Keep the reason under 2,000 characters.")]
    [Display(Name = "Reason (emailed to every applicant and their hospital's coordinators)")]
    public string Reason { get; set; } = "";
}
