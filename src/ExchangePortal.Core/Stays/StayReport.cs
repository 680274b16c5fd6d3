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
    /// <summary>Papers, protocols, devices: one a line (see <see cref="OneALine"/>).</summary>
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
        Outputs = OneALine(answers.Outputs);
        BringBack = Required(answers.BringBack, "Say what you will bring back to your hospital.");
        LabRating = answers.LabRating;
        Language = answers.Language;
        UpdatedAt = now;
    }

    /// <summary>
    /// The outputs one a line, trimmed, without blank lines, so that the reports count them in SQL as the line breaks plus one
    /// (<see cref="Programme.AdminReports"/>).
    /// </summary>
    public static string OneALine(string? outputs) =>
        string.Join('\n', (outputs ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string Required(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(message) : text.Trim();
}

public sealed record StayReportAnswers(string? Learned, string? Outputs, string? BringBack, int LabRating, AnswerLanguage Language);
