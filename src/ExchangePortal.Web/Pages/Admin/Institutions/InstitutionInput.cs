using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Institutions;

namespace ExchangePortal.Web.Pages.Admin.Institutions;

/// <summary>The fields of the create and edit forms of an institution.</summary>
public class InstitutionInput
{
    [Required(ErrorMessage = "Give the institution's name.")]
    [StringLength(Institution.MaxNameLength, ErrorMessage = "The name can be at most 200 characters long.")]
    [Display(Name = "Institution name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Give the institution's short name.")]
    [StringLength(Institution.MaxShortNameLength, ErrorMessage = "The short name can be at most 40 characters long.")]
    [Display(Name = "Short name")]
    public string ShortName { get; set; } = "";

    [Required(ErrorMessage = "Give the institution's city.")]
    [StringLength(Institution.MaxCityLength, ErrorMessage = "The city can be at most 100 characters long.")]
    [Display(Name = "City")]
    public string City { get; set; } = "";

    public InstitutionDraft ToDraft() => new(Name, ShortName, City);

    public static InstitutionInput From(InstitutionDraft draft) => new() { Name = draft.Name, ShortName = draft.ShortName, City = draft.City };
}

/// <summary>The create form: whether it is a university or a hospital is chosen once.</summary>
public class NewInstitutionInput : InstitutionInput
{
    [Required(ErrorMessage = "Choose whether the institution is a university or a hospital.")]
    [Display(Name = "University or hospital")]
    public InstitutionKind? Kind { get; set; }
}
