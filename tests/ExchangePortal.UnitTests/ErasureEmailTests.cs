using ExchangePortal.Core.Notifications;
using ExchangePortal.Core.Privacy;

namespace ExchangePortal.UnitTests;

public class ErasureEmailTests
{
    private readonly PublicLinks _links = new(new Uri("https://exchange.example.org/portal"));

    [Fact]
    public void The_office_is_told_of_a_request_in_each_administrators_language_with_its_due_date_and_address()
    {
        var request = new ErasureRequest("person-id", "I am leaving.", new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero), new DateOnly(2026, 12, 3));

        var english = ErasureEmails.Requested("admin@example.org", "en", request, _links, DateTimeOffset.UtcNow);
        var chinese = ErasureEmails.Requested("admin@example.org", "zh-Hans", request, _links, DateTimeOffset.UtcNow);

        Assert.Equal("New erasure request, due 12 Jan 2027", english.Subject);
        Assert.Equal("新的数据删除请求，须于2027年1月12日前处理", chinese.Subject);
        Assert.All([english, chinese], email =>
        {
            Assert.Equal("erasure.requested", email.Kind);
            Assert.Contains($"https://exchange.example.org/portal/Admin/Privacy/Request/{request.Id}", email.Body);
            Assert.DoesNotContain("I am leaving.", email.Body); // the person's reason stays on the request
        });
    }
}
