using ExchangePortal.Core;
using ExchangePortal.Core.Programme;
using ExchangePortal.Core.Stays;

namespace ExchangePortal.UnitTests;

/// <summary>The figures the reports across years compute from: outputs one a line, averages and shares of the evaluations.</summary>
public class StayFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  A joint paper \r\n\r\n\n  A reading protocol\t\r\n", "A joint paper\nA reading protocol")]
    [InlineData("\r\n \n", "")]
    [InlineData(null, "")]
    [InlineData("One device", "One device")]
    public void Outputs_are_kept_one_a_line_without_blank_lines_so_sql_counts_them_by_line_breaks(string? typed, string kept)
    {
        var report = new StayReport(1, Now);

        report.Answer(new StayReportAnswers("Learned", typed, "Bring back", 4, AnswerLanguage.English), Now);

        Assert.Equal(kept, report.Outputs);
        Assert.Equal(kept.Length == 0 ? 0 : kept.Split('\n').Length, kept.Length == 0 ? 0 : kept.Length - kept.Replace("\n", "").Length + 1);
    }

    [Fact]
    public void A_rating_outside_one_to_five_is_refused()
    {
        var report = new StayReport(1, Now);

        Assert.Throws<DomainException>(() => report.Answer(new StayReportAnswers("Learned", "", "Bring back", 6, AnswerLanguage.English), Now));
    }

    [Fact]
    public void Averages_and_the_share_recommending_are_rounded_half_away_from_zero_and_absent_without_evaluations()
    {
        var row = new ReportRow(ReportBreakdown.Year, 0, "", 2026, Placed: 4, Completed: 3, Ended: 3, EndedCompleted: 3, Reports: 3, Outputs: 5,
            Evaluations: 3, AttendanceTotal: 14, ClinicalKnowledgeTotal: 10, ResearchSkillsTotal: 9, CommunicationTotal: 13, TeamworkTotal: 15,
            Recommending: 2);
        var none = row with { Evaluations = 0, AttendanceTotal = 0, Recommending = 0 };

        Assert.Equal(4.67m, row.AverageAttendance);
        Assert.Equal(3.33m, row.AverageClinicalKnowledge);
        Assert.Equal(3m, row.AverageResearchSkills);
        Assert.Equal(4.33m, row.AverageCommunication);
        Assert.Equal(5m, row.AverageTeamwork);
        Assert.Equal(4.07m, row.AverageScore); // 61 / 15
        Assert.Equal(66.7m, row.RecommendingRate);
        Assert.Null(none.AverageAttendance);
        Assert.Null(none.AverageScore);
        Assert.Null(none.RecommendingRate);
    }
}
