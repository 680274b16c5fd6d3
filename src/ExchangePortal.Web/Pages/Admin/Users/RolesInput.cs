using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Users;

namespace ExchangePortal.Web.Pages.Admin.Users;

/// <summary>The roles form: a box per role, and the hospital a hospital coordinator or applicant belongs to.</summary>
public class RolesInput
{
    public List<Choice> Roles { get; set; } = [];

    [Display(Name = "Hospital (for hospital coordinators and applicants)")]
    public int? HospitalId { get; set; }

    public IReadOnlyCollection<string> Selected => Roles.Where(r => r.Selected).Select(r => r.Value).ToList();

    public static RolesInput From(UserEditor editor) => new()
    {
        Roles = Choice.Of(Core.Users.Roles.All, r => r, r => StatusBadge.Words(Enum.Parse<RoleName>(r)), editor.User.Roles.Contains),
        HospitalId = editor.HospitalId,
    };
}
