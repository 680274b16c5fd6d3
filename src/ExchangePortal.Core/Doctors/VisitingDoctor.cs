using ExchangePortal.Core.Institutions;
using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Doctors;

/// <summary>The applicant's profile: a member of the hospital's staff who may apply to cohorts.</summary>
public class VisitingDoctor
{
    public int Id { get; private set; }
    /// <summary>The account; the column is null once the person is erased (a profile without account is never loaded for a user).</summary>
    public string UserId { get; private set; } = "";
    public PortalUser User { get; private set; } = null!;
    public int HospitalId { get; private set; }
    public Institution Hospital { get; private set; } = null!;
    public string FullName { get; private set; } = "";
    public string? ChineseName { get; private set; }
    public string Title { get; private set; } = "";
    public string Department { get; private set; } = "";
    public string Specialty { get; private set; } = "";
    public int YearsOfPractice { get; private set; }
    public string LicenceNumber { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Languages { get; private set; } = "";
    public string Bio { get; private set; } = "";

    /// <summary>When the person's data was erased: the profile then holds a pseudonym and the statistics only, and no account.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    private VisitingDoctor() { }

    public VisitingDoctor(PortalUser user, Institution hospital, string fullName, string email)
    {
        if (hospital.Kind != InstitutionKind.Hospital)
            throw new DomainException($"{hospital.Name} is not a hospital.");
        User = user;
        UserId = user.Id;
        Hospital = hospital;
        FullName = fullName;
        Email = email;
    }

    public void UpdateProfile(string fullName, string? chineseName, string title, string department, string specialty,
        int yearsOfPractice, string licenceNumber, string phone, string languages, string bio)
    {
        if (yearsOfPractice is < 0 or > 70)
            throw new DomainException("Years of practice must be between 0 and 70.");
        FullName = fullName;
        ChineseName = string.IsNullOrWhiteSpace(chineseName) ? null : chineseName;
        Title = title;
        Department = department;
        Specialty = specialty;
        YearsOfPractice = yearsOfPractice;
        LicenceNumber = licenceNumber;
        Phone = phone;
        Languages = languages;
        Bio = bio;
    }

    /// <summary>
    /// Keeps what the statistics need (hospital, department, specialty, years of practice) under a pseudonym and drops
    /// everything that identifies the person; the account's removal then clears <see cref="UserId"/>.
    /// </summary>
    public void Erase(string pseudonym, DateTimeOffset now)
    {
        FullName = pseudonym;
        ChineseName = null;
        Title = "";
        LicenceNumber = "";
        Email = "";
        Phone = "";
        Languages = "";
        Bio = "";
        ErasedAt = now;
    }

    /// <summary>What the profile still lacks before its owner may submit an application.</summary>
    public IReadOnlyList<string> MissingProfileFields()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(FullName)) missing.Add("full name");
        if (string.IsNullOrWhiteSpace(Title)) missing.Add("title");
        if (string.IsNullOrWhiteSpace(Department)) missing.Add("department");
        if (string.IsNullOrWhiteSpace(Specialty)) missing.Add("specialty");
        if (string.IsNullOrWhiteSpace(LicenceNumber)) missing.Add("licence number");
        if (string.IsNullOrWhiteSpace(Email)) missing.Add("email");
        if (string.IsNullOrWhiteSpace(Phone)) missing.Add("phone");
        return missing;
    }
}
