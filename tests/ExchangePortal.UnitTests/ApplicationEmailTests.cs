using ExchangePortal.Core;
using ExchangePortal.Core.Applications;

namespace ExchangePortal.UnitTests;

public class ApplicationEmailTests
{
    private readonly ProgrammeClock _clock = new(TimeProvider.System, ProgrammeClock.DefaultTimeZone);

    [Fact]
    public void The_applicant_is_written_to_in_their_own_language()
    {
        var world = new World();
        var english = world.InStatus(ApplicationStatus.Offered);
        var chinese = world.InStatus(ApplicationStatus.Offered);
        chinese.Doctor.User.PreferredCulture = "zh-Hans";

        var inEnglish = ApplicationEmails.StatusChanged(english, _clock);
        var inChinese = ApplicationEmails.StatusChanged(chinese, _clock);

        Assert.Equal("Your application to 2026 Autumn cohort has an offer", inEnglish.Subject);
        Assert.Contains("Cardiovascular Imaging Lab", inEnglish.Body);
        Assert.Contains("(Hong Kong time)", inEnglish.Body);
        Assert.Equal("您申请的2026 Autumn cohort：获得录取", inChinese.Subject);
        Assert.Contains("香港时间", inChinese.Body);
    }

    [Fact]
    public void A_comment_is_quoted_in_the_email()
    {
        var world = new World();
        var application = world.InStatus(ApplicationStatus.ChangesRequested);

        var email = ApplicationEmails.StatusChanged(application, _clock);

        Assert.Contains("More detail", email.Body);
        Assert.Equal("application.ChangesRequested", email.Kind);
    }
}
