using System.ComponentModel.DataAnnotations;
using System.Reflection;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Web;
using ExchangePortal.Web.InputGuards;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>The input guards' pure logic, and the rule that every text a page binds has a length (the column's, where it is stored).</summary>
public class InputGuardRulesTests
{
    [Theory]
    [InlineData("Open", true)]
    [InlineData("startreviewing", true)]
    [InlineData(" Cancel ", false)] // the binder trims; TryParse itself takes the text as it is
    [InlineData("4", true)]
    [InlineData("0", true)]
    [InlineData("5", false)]
    [InlineData("-1", false)]
    [InlineData("99999999999999999999", false)]
    [InlineData("Open,Cancel", false)]
    [InlineData("Cancel,Cancel", false)]
    [InlineData("Bogus", false)]
    [InlineData("", false)]
    public void An_enum_binds_only_to_one_of_its_members(string text, bool binds)
    {
        Assert.Equal(binds, DefinedEnumBinder.TryParse(typeof(CohortAction), text, out var value));
        if (binds)
            Assert.True(Enum.IsDefined(typeof(CohortAction), value!));
    }

    [Fact]
    public void A_date_is_sane_from_1900_to_2200_whatever_its_type()
    {
        var sane = new SaneDateAttribute();

        Assert.True(sane.IsValid(null));
        Assert.True(sane.IsValid(new DateOnly(2200, 12, 31)));
        Assert.False(sane.IsValid(new DateOnly(9999, 12, 31)));
        Assert.True(sane.IsValid(new DateTime(1900, 1, 1)));
        Assert.False(sane.IsValid(DateTime.MinValue));
        Assert.False(sane.IsValid(DateTimeOffset.MaxValue));
        Assert.True(sane.IsValid(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8))));
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("Wang Fang", "Wang Fang")]
    [InlineData("a=1", "a=1")]
    [InlineData("", "")]
    public void Text_a_spreadsheet_would_run_is_escaped(string text, string safe) => Assert.Equal(safe, ExportFiles.FormulaSafe(text));

    /// <summary>
    /// Every text a page binds — a handler's string parameter, a string property of an input class (bound through a
    /// parameter or [BindProperty]), at any depth — carries a length. New pages are covered without editing this test.
    /// The stock and overridden Identity pages (Areas/Identity) are checked on their own.
    /// </summary>
    [Fact]
    public void Every_text_a_page_binds_has_a_length()
    {
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var page in PageModels())
        {
            foreach (var handler in page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(IsHandler))
            {
                foreach (var parameter in handler.GetParameters())
                {
                    if (parameter.ParameterType == typeof(string) && !HasLength(parameter.GetCustomAttributes()))
                        missing.Add($"{page.Name}.{handler.Name}({parameter.Name})");
                    else
                        CheckType(parameter.ParameterType, missing, seen);
                }
            }
            foreach (var property in page.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null))
            {
                if (property.PropertyType == typeof(string) && !HasLength(property.GetCustomAttributes()))
                    missing.Add($"{page.Name}.{property.Name}");
                else
                    CheckType(property.PropertyType, missing, seen);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void The_length_of_every_stored_text_input_is_its_columns()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var model = db.Model;
        int? Column<TEntity>(string property) => model.FindEntityType(typeof(TEntity))!.FindProperty(property)!.GetMaxLength();
        int? Input(Type type, string property) =>
            type.GetProperty(property)!.GetCustomAttributes().OfType<StringLengthAttribute>().Select(a => (int?)a.MaximumLength).FirstOrDefault();
        var pages = typeof(ExportFiles).Assembly;
        Type T(string name) => pages.GetType("ExchangePortal.Web.Pages." + name, throwOnError: true)!;

        var pairs = new (Type Input, string Field, int? Column)[]
        {
            (T("Applicant.ProfileInput"), "FullName", Column<Core.Doctors.VisitingDoctor>("FullName")),
            (T("Applicant.ProfileInput"), "ChineseName", Column<Core.Doctors.VisitingDoctor>("ChineseName")),
            (T("Applicant.ProfileInput"), "Title", Column<Core.Doctors.VisitingDoctor>("Title")),
            (T("Applicant.ProfileInput"), "Department", Column<Core.Doctors.VisitingDoctor>("Department")),
            (T("Applicant.ProfileInput"), "Specialty", Column<Core.Doctors.VisitingDoctor>("Specialty")),
            (T("Applicant.ProfileInput"), "LicenceNumber", Column<Core.Doctors.VisitingDoctor>("LicenceNumber")),
            (T("Applicant.ProfileInput"), "Phone", Column<Core.Doctors.VisitingDoctor>("Phone")),
            (T("Applicant.ProfileInput"), "Languages", Column<Core.Doctors.VisitingDoctor>("Languages")),
            (T("Applicant.ProfileInput"), "Bio", Column<Core.Doctors.VisitingDoctor>("Bio")),
            (T("Applicant.ApplyModel+InputModel"), "Plan", Column<ExchangeApplication>("Plan")),
            (T("Applicant.Applications.ResubmitInput"), "Plan", Column<ExchangeApplication>("Plan")),
            (T("Hospital.Applications.EndorseModel+EndorsementInput"), "Comment", Column<ApplicationStatusChange>("Comment")),
            (T("Hospital.Applications.EndorseModel+DeclineInput"), "Reason", Column<ApplicationStatusChange>("Comment")),
            (T("Coordinator.Applications.CommentInput"), "Text", Column<ApplicationStatusChange>("Comment")),
            (T("Admin.StaysModel+CancelInput"), "Reason", Column<ApplicationStatusChange>("Comment")),
            (T("Coordinator.Applications.ApproveInput"), "Supervisor", Column<Placement>("Supervisor")),
            (T("Coordinator.Labs.LabInput"), "Name", Column<Core.HostLabs.HostLab>("Name")),
            (T("Coordinator.Labs.LabInput"), "Department", Column<Core.HostLabs.HostLab>("Department")),
            (T("Coordinator.Labs.LabInput"), "PrincipalInvestigatorName", Column<Core.HostLabs.HostLab>("PrincipalInvestigatorName")),
            (T("Coordinator.Labs.LabInput"), "PrincipalInvestigatorEmail", Column<Core.HostLabs.HostLab>("PrincipalInvestigatorEmail")),
            (T("Coordinator.Labs.LabInput"), "Description", Column<Core.HostLabs.HostLab>("Description")),
            (T("Coordinator.Cohorts.CohortInput"), "Name", Column<ExchangeCohort>("Name")),
            (T("Admin.Agreements.AgreementTermsInput"), "Title", Column<Core.Agreements.Agreement>("Title")),
            (T("Admin.Agreements.AgreementInput"), "NewArea", Column<Core.Agreements.CollaborationArea>("Name")),
            (T("Admin.Agreements.SignatoryInput"), "Name", Column<Core.Agreements.AgreementSignatory>("Name")),
            (T("Admin.Agreements.SignatoryInput"), "Title", Column<Core.Agreements.AgreementSignatory>("Title")),
            (T("Admin.Agreements.MilestoneInput"), "Title", Column<Core.Agreements.AgreementMilestone>("Title")),
            (T("Admin.Agreements.TargetInput"), "Department", Column<Core.Agreements.AgreementMilestone>("TargetDepartment")),
            (T("Admin.Agreements.MilestoneRowForm"), "Note", Column<Core.Agreements.AgreementMilestone>("EvidenceNote")),
        };

        Assert.All(pairs, p => Assert.True(p.Column is not null && Input(p.Input, p.Field) == p.Column,
            $"{p.Input.Name}.{p.Field}: input {Input(p.Input, p.Field)}, column {p.Column}"));
        var note = T("Admin.Agreements.DetailsModel").GetMethod("OnPostChangeAsync")!.GetParameters().Single(p => p.Name == "note");
        Assert.Equal(Column<Core.Agreements.AgreementMilestone>("EvidenceNote"), note.GetCustomAttribute<StringLengthAttribute>()!.MaximumLength);
        Assert.Equal(Core.InputLimits.MaxFileNameLength, Column<Core.Documents.StoredDocument>("FileName"));
    }

    private static IEnumerable<Type> PageModels() => typeof(ExportFiles).Assembly.GetTypes()
        .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace!.StartsWith("ExchangePortal.Web.Pages", StringComparison.Ordinal));

    private static bool IsHandler(MethodInfo method) =>
        method.Name.StartsWith("OnGet", StringComparison.Ordinal) || method.Name.StartsWith("OnPost", StringComparison.Ordinal);

    private static bool HasLength(IEnumerable<Attribute> attributes) =>
        attributes.Any(a => a is StringLengthAttribute or MaxLengthAttribute);

    private static void CheckType(Type type, List<string> missing, HashSet<Type> seen)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            type = type.GetGenericArguments()[0];
        if (type.Assembly != typeof(ExportFiles).Assembly || !type.IsClass || !seen.Add(type))
            return;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            if (property.PropertyType == typeof(string) && !HasLength(property.GetCustomAttributes()))
                missing.Add($"{type.Name}.{property.Name}");
            else if (property.PropertyType != typeof(IFormFile))
                CheckType(property.PropertyType, missing, seen);
        }
    }
}
