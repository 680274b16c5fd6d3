using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.HostLabs;

namespace ExchangePortal.Web.Pages.Coordinator.Labs;

/// <summary>The fields of the create and edit forms of a host lab.</summary>
public class LabInput
{
    [Required(ErrorMessage = "Please enter the lab's name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Please enter the department.")]
    [StringLength(200, ErrorMessage = "The department can be at most 200 characters long.")]
    [Display(Name = "Department")]
    public string Department { get; set; } = "";

    [Required(ErrorMessage = "Please enter the principal investigator's name.")]
    [StringLength(200, ErrorMessage = "The principal investigator's name can be at most 200 characters long.")]
    [Display(Name = "Principal investigator")]
    public string PrincipalInvestigatorName { get; set; } = "";

    [Required(ErrorMessage = "Please enter the principal investigator's email address.")]
    [EmailAddress(ErrorMessage = "Please enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address can be at most 256 characters long.")]
    [Display(Name = "Principal investigator's email")]
    public string PrincipalInvestigatorEmail { get; set; } = "";

    [StringLength(1000, ErrorMessage = "Research areas can be at most 1000 characters long.")]
    [Display(Name = "Research areas (separated by commas)")]
    public string? ResearchAreas { get; set; }

    [StringLength(4000, ErrorMessage = "The description can be at most 4000 characters long.")]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Please enter the default seats per cohort.")]
    [Range(0, HostLab.MaxDefaultSeats, ErrorMessage = "Default seats must be between 0 and 50.")]
    [Display(Name = "Default seats per cohort")]
    public int? DefaultSeats { get; set; }

    public HostLabDraft ToDraft() => new(Name, Department, PrincipalInvestigatorName, PrincipalInvestigatorEmail,
        ResearchAreas ?? "", Description ?? "", DefaultSeats ?? 0);

    public static LabInput From(HostLabDraft draft) => new()
    {
        Name = draft.Name,
        Department = draft.Department,
        PrincipalInvestigatorName = draft.PrincipalInvestigatorName,
        PrincipalInvestigatorEmail = draft.PrincipalInvestigatorEmail,
        ResearchAreas = draft.ResearchAreas,
        Description = draft.Description,
        DefaultSeats = draft.DefaultSeats,
    };
}

/// <summary>The create form: a lab belongs to one university, chosen once.</summary>
public class NewLabInput : LabInput
{
    [Required(ErrorMessage = "Please choose the university.")]
    [Display(Name = "University")]
    public int? UniversityId { get; set; }
}
