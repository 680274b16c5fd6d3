using ExchangePortal.Core.Users;

namespace ExchangePortal.Web;

public static class RoleHome
{
    /// <summary>Where a user lands after sign-in: the home page of their most senior role.</summary>
    public static string For(IList<string> roles) =>
        roles.Contains(Roles.Administrator) ? "/Admin"
        : roles.Contains(Roles.UniversityCoordinator) ? "/Coordinator"
        : roles.Contains(Roles.HospitalCoordinator) ? "/Hospital"
        : roles.Contains(Roles.Applicant) ? "/Applicant"
        : "/";
}
