namespace ExchangePortal.Core.Stays;

/// <summary>The language a supervisor or a doctor answered in.</summary>
public enum AnswerLanguage
{
    English,
    SimplifiedChinese,
}

/// <summary>
/// The host supervisor's evaluation of one stay, given once through an emailed link (no account): attendance and four
/// competencies on a 1–5 scale, free text, and whether the supervisor would take part in further exchanges.
/// </summary>
public class SupervisorEvaluation
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string SupervisorName { get; private set; } = "";
    public int Attendance { get; private set; }
    public int ClinicalKnowledge { get; private set; }
    public int ResearchSkills { get; private set; }
    public int Communication { get; private set; }
    public int Teamwork { get; private set; }
    public string Comments { get; private set; } = "";
    public bool RecommendForFuture { get; private set; }
    public AnswerLanguage Language { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    private SupervisorEvaluation() { }

    internal SupervisorEvaluation(int applicationId, string supervisorName, EvaluationAnswers answers, DateTimeOffset now)
    {
        foreach (var score in new[] { answers.Attendance, answers.ClinicalKnowledge, answers.ResearchSkills, answers.Communication, answers.Teamwork })
        {
            if (score is < MinScore or > MaxScore)
                throw new DomainException("Give every score from 1 to 5.");
        }
        ApplicationId = applicationId;
        SupervisorName = supervisorName;
        Attendance = answers.Attendance;
        ClinicalKnowledge = answers.ClinicalKnowledge;
        ResearchSkills = answers.ResearchSkills;
        Communication = answers.Communication;
        Teamwork = answers.Teamwork;
        Comments = answers.Comments?.Trim() ?? "";
        RecommendForFuture = answers.RecommendForFuture;
        Language = answers.Language;
        SubmittedAt = now;
    }
}

/// <summary>What the supervisor answers on the evaluation form.</summary>
public sealed record EvaluationAnswers(int Attendance, int ClinicalKnowledge, int ResearchSkills, int Communication, int Teamwork,
    string? Comments, bool RecommendForFuture, AnswerLanguage Language);

/// <summary>
/// One emailed evaluation link: only the SHA-256 of its token is kept. It opens the form once, until it expires; a newer
/// link (a reminder) does not end an older one, but a submitted evaluation ends them all.
/// </summary>
public class EvaluationLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public long Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public string SentTo { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private EvaluationLink() { }

    internal EvaluationLink(int applicationId, string tokenHash, string sentTo, DateTimeOffset now)
    {
        ApplicationId = applicationId;
        TokenHash = tokenHash;
        SentTo = sentTo;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    internal void Use(DateTimeOffset now) => UsedAt = now;
}
