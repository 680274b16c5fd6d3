namespace ExchangePortal.Core.Stays;

/// <summary>
/// The doctor's end-of-stay report, answered on a form in English or Chinese: what was learned, the outputs (papers,
/// protocols, devices), what the doctor brings back, and a 1–5 rating of the host lab. Completing the stay needs it; a PDF
/// attachment (the end-of-stay report document) is optional.
/// </summary>
public class StayReport
{
    public const int MaxAnswerLength = 4000;

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Learned { get; private set; } = "";
    public string Outputs { get; private set; } = "";
    public string BringBack { get; private set; } = "";
    public int LabRating { get; private set; }
    public AnswerLanguage Language { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    private StayReport() { }

    internal StayReport(int applicationId, DateTimeOffset now)
    {
        ApplicationId = applicationId;
        SubmittedAt = now;
    }

    internal void Answer(StayReportAnswers answers, DateTimeOffset now)
    {
        if (answers.LabRating is < SupervisorEvaluation.MinScore or > SupervisorEvaluation.MaxScore)
            throw new DomainException("Rate the host lab from 1 to 5.");
        Learned = Required(answers.Learned, "Say what you learned.");
        Outputs = answers.Outputs?.Trim() ?? "";
        BringBack = Required(answers.BringBack, "Say what you will bring back to your hospital.");
        LabRating = answers.LabRating;
        Language = answers.Language;
        UpdatedAt = now;
    }

    private static string Required(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(message) : text.Trim();
}

public sealed record StayReportAnswers(string? Learned, string? Outputs, string? BringBack, int LabRating, AnswerLanguage Language);
