using System.ComponentModel.DataAnnotations;

namespace ExchangePortal.Web.Pages.Coordinator.Applications;

/// <summary>A comment the applicant reads: what to change, or why the application is rejected.</summary>
public class CommentInput
{
    [Required(ErrorMessage = "Please write a comment for the applicant.")]
    [StringLength(4000, ErrorMessage = "Keep the comment under 4,000 characters.")]
    public string Text { get; set; } = "";
}

public class ApproveInput
{
    [Required(ErrorMessage = "Choose the lab.")]
    public int? CohortLabId { get; set; }

    [Required(ErrorMessage = "Name the supervisor.")]
    [StringLength(200, ErrorMessage = "Keep the supervisor's name under 200 characters.")]
    public string Supervisor { get; set; } = "";

    [Required(ErrorMessage = "Give the start date.")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Give the end date.")]
    public DateOnly? EndsOn { get; set; }

    [Required(ErrorMessage = "Give the date by which the applicant must answer.")]
    public DateOnly? RespondBy { get; set; }
}

public class WaitlistInput
{
    [Required(ErrorMessage = "Choose the lab.")]
    public int? CohortLabId { get; set; }
}
