using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.StayEnd;

/// <summary>/Verify without a code: a form that sends a code on to /Verify/{code}; a bad or unknown code gets a message, never a 500.</summary>
[Collection(PostgresCollection.Name)]
public class VerifyFormTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_code_typed_as_people_type_it_leads_to_the_genuine_certificate()
    {
        await using var db = portal.NewDbContext();
        var certificate = await db.Certificates.OrderBy(c => c.Id).Select(c => new { c.Code, c.DoctorName }).FirstAsync();
        var (code, doctor) = (certificate.Code, certificate.DoctorName);
        var anonymous = portal.CreateClientWithoutRedirects();

        var form = await anonymous.GetPageAsync("/Verify");
        var sent = await SendAsync(anonymous, form, " " + code.Replace("-", "").ToLowerInvariant() + " ");

        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.Null(form.Document.QuerySelector("#input-problems"));
        Assert.Null(form.Document.QuerySelector("#verify-problem"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/Verify/{code}", sent.Headers.Location!.OriginalString);
        var verified = await anonymous.GetPageAsync(sent.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, verified.Response.StatusCode);
        Assert.NotNull(verified.Document.QuerySelector("#verified"));
        Assert.Contains(doctor, verified.Document.Text());
    }

    [Theory]
    [InlineData("hello", HttpStatusCode.BadRequest, "#verify-problem", "A verification code has 16 letters and digits")]
    [InlineData("", HttpStatusCode.BadRequest, "#input-problems", "Enter the verification code printed on the certificate.")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789", HttpStatusCode.BadRequest, "#input-problems", "A verification code has 16 letters and digits")]
    [InlineData("<script>alert(1)</script>", HttpStatusCode.BadRequest, "#verify-problem", "A verification code has 16 letters and digits")]
    public async Task A_malformed_code_gets_a_message_and_the_form_again(string typed, HttpStatusCode status, string where, string message)
    {
        var anonymous = portal.CreateClientWithoutRedirects();
        var form = await anonymous.GetPageAsync("/Verify");

        var sent = await SendAsync(anonymous, form, typed);

        Assert.Equal(status, sent.StatusCode);
        var page = await HtmlForms.ParseAsync(sent);
        Assert.Contains(message, page.QuerySelector(where)!.TextContent);
        Assert.NotNull(page.QuerySelector("#verify-form"));
        Assert.Null(page.QuerySelector("#verified"));
    }

    [Fact]
    public async Task An_unknown_code_is_a_404_with_a_message_in_the_readers_language()
    {
        var anonymous = portal.CreateClientWithoutRedirects();
        var chinese = portal.CreateClientWithoutRedirects();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var sent = await SendAsync(anonymous, await anonymous.GetPageAsync("/Verify"), "zzzz zzzz zzzz zzzz");
        var unknown = await anonymous.GetPageAsync(sent.Headers.Location!.OriginalString);
        var inChinese = await chinese.GetPageAsync("/Verify/0000-0000-0000-0000");

        Assert.Equal("/Verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ", sent.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Response.StatusCode);
        Assert.Contains("No certificate has this verification code.", unknown.Document.QuerySelector("#verify-problem")!.TextContent);
        Assert.Equal("ZZZZ-ZZZZ-ZZZZ-ZZZZ", ((IHtmlInputElement)unknown.Document.QuerySelector("#verify-form input[name='Input.Code']")!).Value);
        Assert.Equal(HttpStatusCode.NotFound, inChinese.Response.StatusCode);
        Assert.Equal("查验证书", inChinese.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("没有证书使用此验证码", inChinese.Document.QuerySelector("#verify-problem")!.TextContent);
    }

    /// <summary>Fills the page's verification form as a browser would: a GET to the form's action with its one field.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HtmlForms.Page page, string code)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector("#verify-form")!;
        Assert.Equal("get", form.Method, ignoreCase: true);
        var field = form.QuerySelector("input[type=text], input:not([type])")!.GetAttribute("name")!;
        return client.GetAsync($"{form.GetAttribute("action")}?{Uri.EscapeDataString(field)}={Uri.EscapeDataString(code)}");
    }
}
