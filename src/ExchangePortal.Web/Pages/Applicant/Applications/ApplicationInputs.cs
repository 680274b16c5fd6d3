using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

public class ResubmitInput
{
    [Required(ErrorMessage = "Please describe your research or learning plan.")]
    [StringLength(8000, ErrorMessage = "Keep the plan under 8,000 characters.")]
    [Display(Name = "Your research or learning plan")]
    public string Plan { get; set; } = "";
}

public class WithdrawalInput
{
    [MustBeTicked(ErrorMessage = "Tick the box to confirm that you want to withdraw.")]
    [Display(Name = "I want to withdraw this application; this cannot be undone.")]
    public bool Confirm { get; set; }
}

/// <summary>A confirmation box the user must tick. In the browser it is the checkbox's "required" rule, with this message
/// instead of the one every non-nullable value gets.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MustBeTickedAttribute : ValidationAttribute, IClientModelValidator
{
    public override bool IsValid(object? value) => value is true;

    public void AddValidation(ClientModelValidationContext context)
    {
        var l = context.ActionContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Attributes["data-val"] = "true";
        context.Attributes["data-val-required"] = l[ErrorMessage ?? ""];
    }
}
