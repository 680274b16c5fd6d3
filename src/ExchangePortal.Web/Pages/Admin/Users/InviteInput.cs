using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Users;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Users;

/// <summary>An administrator's invitation: the person, a box per role, and the hospital of a hospital coordinator or applicant.</summary>
public class InviteInput
{
    public InviteeInput Invitee { get; set; } = new();

    public List<Choice> Roles { get; set; } = [];

    [Display(Name = "Hospital (for hospital coordinators and applicants)")]
    public int? HospitalId { get; set; }

    public IReadOnlyCollection<string> Selected => Roles.Where(r => r.Selected).Select(r => r.Value).ToList();

    public static InviteInput New(IStringLocalizer l) => new()
    {
        Roles = Choice.Of(Core.Users.Roles.All, r => r, r => l[StatusBadge.Words(Enum.Parse<RoleName>(r))], _ => false),
    };
}
