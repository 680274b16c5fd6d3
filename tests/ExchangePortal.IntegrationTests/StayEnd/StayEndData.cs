using System.Text.RegularExpressions;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.StayEnd;

/// <summary>Finding the demo stays these tests use, and the evaluation link in an email.</summary>
internal static partial class StayEndData
{
    public static Task<int> ApplicationOfAsync(PortalDbContext db, string doctorEmail, ApplicationStatus status) =>
        db.Applications.Where(a => a.Doctor.Email == doctorEmail && a.Status == status).Select(a => a.Id).SingleAsync();

    /// <summary>The token of the evaluation link in an email body ("https://portal.test/Evaluation/{token}").</summary>
    public static string TokenIn(string body) => EvaluationLink().Match(body) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("No evaluation link in the email.");

    public static Dictionary<string, string> Scores(int score = 4, bool recommend = true, string comments = "Careful and curious.") => new()
    {
        ["Evaluation.Attendance"] = "5",
        ["Evaluation.ClinicalKnowledge"] = score.ToString(),
        ["Evaluation.ResearchSkills"] = score.ToString(),
        ["Evaluation.Communication"] = score.ToString(),
        ["Evaluation.Teamwork"] = score.ToString(),
        ["Evaluation.Comments"] = comments,
        ["Evaluation.RecommendForFuture"] = recommend ? "true" : "false",
    };

    [GeneratedRegex(@"https://portal\.test/Evaluation/([A-Za-z0-9_-]{40,})")]
    private static partial Regex EvaluationLink();
}
