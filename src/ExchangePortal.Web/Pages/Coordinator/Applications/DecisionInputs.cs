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

    /// <summary>Where the evaluation link goes when the stay starts; it can be added later on the supervisor page.</summary>
    [EmailAddress(ErrorMessage = "Give a valid email address for the supervisor.")]
    [StringLength(256, ErrorMessage = "Keep the supervisor's email under 256 characters.")]
    public string? SupervisorEmail { get; set; }

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

public class SupervisorInput
{
    [Required(ErrorMessage = "Name the supervisor.")]
    [StringLength(200, ErrorMessage = "Keep the supervisor's name under 200 characters.")]
    [Display(Name = "Supervisor")]
    public string Name { get; set; } = "";

    [EmailAddress(ErrorMessage = "Give a valid email address for the supervisor.")]
    [StringLength(256, ErrorMessage = "Keep the supervisor's email under 256 characters.")]
    [Display(Name = "Supervisor's email (the evaluation link goes there)")]
    public string? Email { get; set; }
}
