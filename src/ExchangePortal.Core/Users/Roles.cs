namespace ExchangePortal.Core.Users;

public static class Roles
{
    public const string Applicant = "Applicant";
    public const string HospitalCoordinator = "HospitalCoordinator";
    public const string UniversityCoordinator = "UniversityCoordinator";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All =
        [Applicant, HospitalCoordinator, UniversityCoordinator, Administrator];

    /// <summary>The university's staff: they get a calendar feed.</summary>
    public static readonly IReadOnlyList<string> Staff = [UniversityCoordinator, Administrator];

    /// <summary>The roles that see other people's data: granted only to an account whose address is confirmed (or by invitation).</summary>
    public static readonly IReadOnlyList<string> NeedConfirmedEmail = [HospitalCoordinator, UniversityCoordinator, Administrator];
}

/// <summary>The role names as an enum, for showing them in plain words.</summary>
public enum RoleName
{
    Applicant,
    HospitalCoordinator,
    UniversityCoordinator,
    Administrator,
}
