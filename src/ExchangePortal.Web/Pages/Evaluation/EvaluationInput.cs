using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Stays;

namespace ExchangePortal.Web.Pages.Evaluation;

/// <summary>The supervisor's evaluation form: attendance and four competencies from 1 to 5, comments, a recommendation.</summary>
public class EvaluationInput
{
    private const string Score = "Give every score from 1 to 5.";

    [Required(ErrorMessage = Score), Range(1, 5, ErrorMessage = Score)]
    [Display(Name = "Attendance and punctuality")]
    public int? Attendance { get; set; }

    [Required(ErrorMessage = Score), Range(1, 5, ErrorMessage = Score)]
    [Display(Name = "Clinical knowledge")]
    public int? ClinicalKnowledge { get; set; }

    [Required(ErrorMessage = Score), Range(1, 5, ErrorMessage = Score)]
    [Display(Name = "Research skills")]
    public int? ResearchSkills { get; set; }

    [Required(ErrorMessage = Score), Range(1, 5, ErrorMessage = Score)]
    [Display(Name = "Communication")]
    public int? Communication { get; set; }

    [Required(ErrorMessage = Score), Range(1, 5, ErrorMessage = Score)]
    [Display(Name = "Teamwork")]
    public int? Teamwork { get; set; }

    [StringLength(4000, ErrorMessage = "Keep the comments under 4,000 characters.")]
    [Display(Name = "Comments (optional)")]
    public string? Comments { get; set; }

    [Display(Name = "I would recommend this doctor for future exchanges")]
    public bool RecommendForFuture { get; set; }

    public EvaluationAnswers ToAnswers(AnswerLanguage language) =>
        new(Attendance ?? 0, ClinicalKnowledge ?? 0, ResearchSkills ?? 0, Communication ?? 0, Teamwork ?? 0, Comments, RecommendForFuture, language);
}
