using ExchangePortal.Core;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Notifications;

namespace ExchangePortal.UnitTests;

public class ApplicationEmailTests
{
    private readonly ProgrammeClock _clock = new(TimeProvider.System, ProgrammeClock.DefaultTimeZone);
    private readonly PublicLinks _links = new(new Uri("https://exchange.example.org/portal"));

    [Fact]
    public void The_applicant_is_written_to_in_their_own_language()
    {
        var world = new World();
        var english = world.InStatus(ApplicationStatus.Offered);
        var chinese = world.InStatus(ApplicationStatus.Offered);
        chinese.Doctor.User.PreferredCulture = "zh-Hans";

        var inEnglish = ApplicationEmails.StatusChanged(english, _clock, _links);
        var inChinese = ApplicationEmails.StatusChanged(chinese, _clock, _links);

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

        var email = ApplicationEmails.StatusChanged(application, _clock, _links);

        Assert.Contains("More detail", email.Body);
        Assert.Equal("application.ChangesRequested", email.Kind);
    }

    [Fact]
    public void Every_link_is_absolute_under_the_public_address()
    {
        var application = new World().InStatus(ApplicationStatus.Offered);

        var email = ApplicationEmails.StatusChanged(application, _clock, _links);
        var endorsement = ApplicationEmails.AwaitingEndorsement("c@example.org", "zh-Hans", application, _links, DateTimeOffset.UnixEpoch);
        var waitlist = ApplicationEmails.SeatOfferedFromWaitlist("c@example.org", application, _links, DateTimeOffset.UnixEpoch);

        Assert.Contains($"https://exchange.example.org/portal/Applicant/Applications/{application.Id}\n", email.Body);
        Assert.Contains($"https://exchange.example.org/portal/Hospital/Applications/{application.Id}\n", endorsement.Body);
        Assert.Contains($"https://exchange.example.org/portal/Coordinator/Applications/{application.Id}\n", waitlist.Body);
    }

    [Theory]
    [InlineData("https://exchange.example.org", "/Admin", "https://exchange.example.org/Admin")]
    [InlineData("https://exchange.example.org/portal/", "/Admin/Agreements/3", "https://exchange.example.org/portal/Admin/Agreements/3")]
    [InlineData("http://127.0.0.1:5080/", "Labs", "http://127.0.0.1:5080/Labs")]
    public void A_link_keeps_the_public_address_and_its_path(string publicUrl, string path, string expected) =>
        Assert.Equal(expected, new PublicLinks(new Uri(publicUrl)).To(path));

    [Fact]
    public void Query_values_are_escaped() =>
        Assert.Equal("https://x.test/Identity/Account/ConfirmEmail?userId=a%20b&code=c%2Bd%3D",
            new PublicLinks(new Uri("https://x.test")).To("/Identity/Account/ConfirmEmail", ("userId", "a b"), ("code", "c+d=")));

    [Theory]
    [InlineData("ftp://x.test/")]
    [InlineData("file:///etc/passwd")]
    public void Only_an_http_address_is_a_public_address(string url) =>
        Assert.Throws<ArgumentException>(() => new PublicLinks(new Uri(url)));
}
