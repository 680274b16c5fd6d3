using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ExchangePortal.Core.Agreements;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Admin.Agreements;

/// <summary>The fields the new-agreement and edit forms share.</summary>
public class AgreementTermsInput
{
    [Required(ErrorMessage = "Give the agreement a title.")]
    [StringLength(300, ErrorMessage = "The title can be at most 300 characters long.")]
    [Display(Name = "Agreement title")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Give the date the agreement takes effect.")]
    [Display(Name = "Effective from")]
    public DateOnly? EffectiveFrom { get; set; }

    [Required(ErrorMessage = "Give the date the agreement ends.")]
    [Display(Name = "Effective to")]
    public DateOnly? EffectiveTo { get; set; }
}

/// <summary>The "New agreement" form: it starts as a draft.</summary>
public class NewAgreementInput : AgreementTermsInput
{
    [Required(ErrorMessage = "Choose a university from the list.")]
    [Display(Name = "University")]
    public int? UniversityId { get; set; }

    [Required(ErrorMessage = "Choose a hospital from the list.")]
    [Display(Name = "Hospital")]
    public int? HospitalId { get; set; }

    public AgreementDraft ToDraft() => new(Title, UniversityId!.Value, HospitalId!.Value, EffectiveFrom!.Value, EffectiveTo!.Value);
}

/// <summary>The agreement's edit form; blank signatory rows add signatories, ticked ones are removed.</summary>
public class AgreementInput : AgreementTermsInput
{
    public const int BlankSignatoryRows = 2;

    [Display(Name = "Signed on")]
    public DateOnly? SignedOn { get; set; }

    // Required: a form without it would otherwise ask to move the agreement back to its first status.
    [BindRequired]
    [Display(Name = "Status")]
    public AgreementStatus Status { get; set; }

    public List<SignatoryInput> Signatories { get; set; } = [];

    public List<Choice> Areas { get; set; } = [];

    [StringLength(100, ErrorMessage = "A collaboration area's name can be at most 100 characters long.")]
    [Display(Name = "Add a new area")]
    public string? NewArea { get; set; }

    public AgreementEdit ToEdit() => new(Title, SignedOn, EffectiveFrom!.Value, EffectiveTo!.Value, Status,
        Signatories.Where(s => !s.Remove && !(string.IsNullOrWhiteSpace(s.Name) && string.IsNullOrWhiteSpace(s.Title)))
            .Select(s => new SignatoryEntry(s.Name ?? "", s.Title ?? "", s.InstitutionId)).ToList(),
        Areas.Where(a => a.Selected).Select(a => int.TryParse(a.Value, CultureInfo.InvariantCulture, out var id) ? id : 0).ToList(),
        NewArea);

    public static AgreementInput From(AgreementView a) => new()
    {
        Title = a.Title,
        SignedOn = a.SignedOn,
        EffectiveFrom = a.EffectiveFrom,
        EffectiveTo = a.EffectiveTo,
        Status = a.Status,
        Signatories = a.Signatories.Select(s => new SignatoryInput { Name = s.Name, Title = s.Title, InstitutionId = s.InstitutionId })
            .Concat(Enumerable.Range(0, BlankSignatoryRows).Select(_ => new SignatoryInput { InstitutionId = a.UniversityId }))
            .ToList(),
        Areas = Choice.Of(a.Choices!.Areas, o => o.Id, o => o.Name, o => a.Areas.Any(x => x.Id == o.Id)),
    };
}

public class SignatoryInput
{
    [StringLength(200)]
    public string? Name { get; set; }

    [StringLength(200)]
    public string? Title { get; set; }

    public int InstitutionId { get; set; }

    public bool Remove { get; set; }
}

/// <summary>An optional target: choosing no measure means no target.</summary>
public class TargetInput : IValidatableObject
{
    [Display(Name = "Target counts")]
    public MilestoneMeasure? Measure { get; set; }

    [Range(1, 100_000, ErrorMessage = "A target must be at least 1.")]
    [Display(Name = "Target value")]
    public int? Value { get; set; }

    [Display(Name = "Only in lab")]
    public int? LabId { get; set; }

    [StringLength(200, ErrorMessage = "The department can be at most 200 characters long.")]
    [Display(Name = "Only in department")]
    public string? Department { get; set; }

    [Display(Name = "Placements starting from")]
    public DateOnly? From { get; set; }

    [Display(Name = "Placements starting until")]
    public DateOnly? To { get; set; }

    public MilestoneTarget? ToTarget() =>
        Measure is { } measure ? new MilestoneTarget(measure, Value ?? 0, LabId, Department, From, To) : null;

    public static TargetInput Of(MilestoneTargetView? t) => t is null ? new() : new()
    {
        Measure = t.Measure,
        Value = t.Value,
        LabId = t.LabId,
        Department = t.Department,
        From = t.From,
        To = t.To,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var l = validationContext.GetService<IStringLocalizer<SharedResource>>();
        if (Measure is not null && Value is null)
            yield return new ValidationResult(l?["Give the target's value."] ?? "Give the target's value.", [nameof(Value)]);
        if (Measure is null && (Value is not null || LabId is not null || !string.IsNullOrWhiteSpace(Department) || From is not null || To is not null))
            yield return new ValidationResult(l?["Choose what the target counts."] ?? "Choose what the target counts.", [nameof(Measure)]);
    }
}

public class MilestoneInput
{
    [Required(ErrorMessage = "Give the milestone a title.")]
    [StringLength(300)]
    [Display(Name = "Milestone title")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Give the due date.")]
    [Display(Name = "Due on")]
    public DateOnly? DueOn { get; set; }

    [Display(Name = "Area")]
    public int? AreaId { get; set; }

    [StringLength(Users.EditModel.UserIdLength)]
    [Display(Name = "Owner")]
    public string? OwnerId { get; set; }

    public TargetInput Target { get; set; } = new();

    public NewMilestone ToNew() => new(Title, DueOn!.Value, AreaId, string.IsNullOrEmpty(OwnerId) ? null : OwnerId, Target.ToTarget());

    public static MilestoneInput From(MilestoneEditor m) => new()
    {
        Title = m.Title,
        DueOn = m.DueOn,
        AreaId = m.AreaId,
        OwnerId = m.OwnerId,
        Target = TargetInput.Of(m.Target),
    };
}

/// <summary>
/// The target fields of one form. Several such forms share a page (one per milestone), so each passes its own id prefix:
/// the names come from <c>asp-for</c>, the ids from the prefix.
/// </summary>
public sealed record TargetFields(string IdPrefix, TargetInput Target, AgreementChoices Choices, bool Stacked)
{
    public string Id(string field) => $"{IdPrefix}-{field}";
}

/// <summary>One milestone's row: its figures, and the fields of its change and target forms.</summary>
public sealed class MilestoneRowForm(int agreementId, MilestoneView milestone, AgreementChoices choices)
{
    public int AgreementId => agreementId;

    public MilestoneView Milestone => milestone;

    [StringLength(4000, ErrorMessage = "Keep the note under 4,000 characters.")]
    [Display(Name = "Evidence or note")]
    public string? Note { get; set; }

    public TargetFields TargetFields => new($"target-{milestone.Id}", TargetInput.Of(milestone.Target), choices, true);
}
