using ExchangePortal.Core.Users;

namespace ExchangePortal.Web.Pages;

public sealed record NavLink(string Href, string Label);

/// <summary>One audience's links in the bar: a menu, or plain links when <see cref="Folds"/> is false and the user has no other role.</summary>
public sealed record NavSection(string Role, string Title, string Path, bool Folds, IReadOnlyList<NavLink> Links)
{
    public string MenuId => Title.ToLowerInvariant() + "-menu";
}

/// <summary>The bar's sections, in order; the labels are English keys for the shared localizer.</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavSection> Sections =
    [
        new(Roles.Applicant, "Applicant", "/Applicant", false, [new("/Applicant", "My applications"), new("/Applicant/Profile", "My profile")]),
        new(Roles.HospitalCoordinator, "Hospital", "/Hospital", false, [new("/Hospital", "Endorsements"), new("/Hospital/Staff", "Our staff")]),
        new(Roles.UniversityCoordinator, "Coordination", "/Coordinator", true,
            [new("/Coordinator", "Review queue"), new("/Coordinator/Cohorts", "Cohorts"), new("/Coordinator/Labs", "Manage host labs")]),
        new(Roles.Administrator, "Administration", "/Admin", true,
        [
            new("/Admin", "Dashboard"), new("/Admin/Agreements", "Agreements"), new("/Admin/Stays", "Stays"),
            new("/Admin/Users", "Users"), new("/Admin/Institutions", "Institutions"), new("/Admin/Audit", "Audit trail"),
            new("/Admin/Exports", "Exports"), new("/Admin/Reports", "Reports"), new("/Admin/Privacy", "Privacy requests"),
        ]),
    ];
}
