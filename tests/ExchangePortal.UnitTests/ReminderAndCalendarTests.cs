using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Programme;

namespace ExchangePortal.UnitTests;

public class ReminderAndCalendarTests
{
    [Theory]
    [InlineData(15, null)]
    [InlineData(14, "due-14")]
    [InlineData(2, "due-14")]
    [InlineData(1, "due-1")]
    [InlineData(0, "due-1")]
    [InlineData(-1, "overdue")]
    [InlineData(-400, "overdue")]
    public void A_milestones_reminder_window_follows_the_days_left(int daysLeft, string? window) =>
        Assert.Equal(window, Reminders.MilestoneWindow(daysLeft));

    [Theory]
    [InlineData(61, null)]
    [InlineData(60, 60)]
    [InlineData(31, 60)]
    [InlineData(30, 30)]
    [InlineData(8, 30)]
    [InlineData(7, 7)]
    [InlineData(0, 7)]
    [InlineData(-1, null)]
    public void A_documents_reminder_window_follows_the_days_left(int daysLeft, int? window) =>
        Assert.Equal(window, Reminders.DocumentWindow(daysLeft));

    [Fact]
    public void The_feed_has_all_day_events_with_stable_uids_and_the_milestones_status()
    {
        var today = new DateOnly(2026, 11, 28);
        var ics = CalendarFeed.Serialize(
            [new CalendarMilestone(7, 1, "Joint MedTech symposium", "Strategic Cooperation Agreement", today.AddDays(-1), MilestoneStatus.InProgress, Owned: true)],
            [new CalendarCohort(3, "2027 Spring cohort", CohortStatus.Open, today, today.AddDays(44), today.AddDays(75), today.AddDays(165))],
            today, new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), "https://portal.example");

        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Contains("UID:milestone-7@exchange-portal", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20261127", ics);
        Assert.Contains("SUMMARY:Joint MedTech symposium (Overdue)", ics);
        Assert.Contains("UID:cohort-3-window-opens@exchange-portal", ics);
        Assert.Contains("UID:cohort-3-ends@exchange-portal", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20270512", ics);
        Assert.Contains("URL:https://portal.example/Admin/Agreements/1", ics);
    }
}
