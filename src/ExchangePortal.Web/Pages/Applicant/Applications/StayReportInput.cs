using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Stays;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

/// <summary>The end-of-stay report form, answered in English or Chinese.</summary>
public class StayReportInput
{
    [Required(ErrorMessage = "Say what you learned.")]
    [StringLength(StayReport.MaxAnswerLength, ErrorMessage = "Keep each answer under 4,000 characters.")]
    [Display(Name = "What did you learn during the stay?")]
    public string Learned { get; set; } = "";

    [StringLength(StayReport.MaxAnswerLength, ErrorMessage = "Keep each answer under 4,000 characters.")]
    [Display(Name = "Outputs: papers, protocols, devices (one a line; optional)")]
    public string? Outputs { get; set; }

    [Required(ErrorMessage = "Say what you will bring back to your hospital.")]
    [StringLength(StayReport.MaxAnswerLength, ErrorMessage = "Keep each answer under 4,000 characters.")]
    [Display(Name = "What will you bring back to your hospital?")]
    public string BringBack { get; set; } = "";

    [Required(ErrorMessage = "Rate the host lab from 1 to 5.")]
    [Range(1, 5, ErrorMessage = "Rate the host lab from 1 to 5.")]
    [Display(Name = "Your rating of the host lab (1 = poor, 5 = excellent)")]
    public int? LabRating { get; set; }

    [Required(ErrorMessage = "Choose the language of your answers.")]
    [Display(Name = "Language of your answers")]
    public AnswerLanguage? Language { get; set; }

    public StayReportAnswers ToAnswers() => new(Learned, Outputs, BringBack, LabRating ?? 0, Language ?? AnswerLanguage.English);

    public static StayReportInput From(StayReportAnswers? answers, AnswerLanguage uiLanguage) => answers is null
        ? new() { Language = uiLanguage }
        : new() { Learned = answers.Learned ?? "", Outputs = answers.Outputs, BringBack = answers.BringBack ?? "", LabRating = answers.LabRating, Language = answers.Language };
}
