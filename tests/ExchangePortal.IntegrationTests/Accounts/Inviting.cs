using System.Net;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests.Accounts;

/// <summary>Inviting people and accepting invitations through the real forms, as the people involved would.</summary>
internal static class Inviting
{
    /// <summary>An administrator's invitation with one role ticked (and a hospital, or none).</summary>
    public static async Task<HttpResponseMessage> InviteAsync(HttpClient admin, string email, string name, string? role, int? hospitalId)
    {
        var page = await admin.GetPageAsync("/Admin/Users/Invite");
        var values = page.Document.QuerySelectorAll("#invite-form input[name$='.Value']").ToDictionary(
            v => v.GetAttribute("name")!.Replace(".Value", ".Selected"), v => v.GetAttribute("value") == role ? "true" : "false");
        values["Input.Invitee.Email"] = email;
        values["Input.Invitee.Name"] = name;
        values["Input.HospitalId"] = hospitalId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return await admin.SubmitAsync(page, "#invite-form", values);
    }

    /// <summary>A hospital coordinator's invitation of a colleague; <paramref name="forged"/> adds fields the form does not have.</summary>
    public static async Task<HttpResponseMessage> InviteColleagueAsync(HttpClient coordinator, string email, string name,
        Dictionary<string, string>? forged = null)
    {
        var page = await coordinator.GetPageAsync("/Hospital/Staff/Invite");
        var values = new Dictionary<string, string>(forged ?? []) { ["Input.Email"] = email, ["Input.Name"] = name };
        return await coordinator.SubmitAsync(page, "#invite-colleague-form", values);
    }

    /// <summary>Sends the outbox to the SMTP server and returns the link of the last message to the address.</summary>
    public static async Task<string> LinkSentToAsync(PortalFactory portal, SmtpTestServer smtp, string email)
    {
        await AccountMail.DispatchAsync(portal);
        var message = smtp.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.All(EmailLinkTests.LinksIn(message.TextBody ?? ""), l => Assert.StartsWith(PortalFactory.PublicUrl, l));
        return EmailLinkTests.LinkIn(message);
    }

    /// <summary>Chooses the password from the link in a fresh browser, keeping its cookies: the invitee is signed in, and
    /// (unless <paramref name="acceptNotice"/> is false) accepts the privacy notice they meet first, never having consented.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> AcceptAsync(PortalFactory portal, string link, string password,
        bool acceptNotice = true)
    {
        var client = portal.CreateClientWithoutRedirects();
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);
        var response = await client.SubmitAsync(page, "#reset-password-form", new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        if (acceptNotice && response.StatusCode == System.Net.HttpStatusCode.Redirect)
            await AcceptNoticeAsync(client);
        return (client, response);
    }

    /// <summary>Accepts the privacy notice in force, as a person who meets it at the gate does.</summary>
    public static async Task AcceptNoticeAsync(HttpClient client)
    {
        var accepted = await client.SubmitAsync(await client.GetPageAsync("/Account/Notice"), "#accept-form", new Dictionary<string, string>());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, accepted.StatusCode);
    }

    /// <summary>A complete draft in the open cohort (profile, a lab, a plan, the required documents); returns its page.</summary>
    public static async Task<string> CompleteDraftAsync(PortalFactory portal, HttpClient applicant)
    {
        int cohortId;
        await using (var db = portal.NewDbContext())
            cohortId = await db.Cohorts.Where(c => c.Status == Core.Cohorts.CohortStatus.Open).Select(c => c.Id).SingleAsync();
        return await CompleteDraftAsync(applicant, $"/Applicant/Apply/{cohortId}");
    }

    /// <summary>A complete draft from the cohort's apply page (profile, a lab, a plan, the required documents); returns its page.</summary>
    public static async Task<string> CompleteDraftAsync(HttpClient applicant, string applyPath)
    {
        await ApplyTests.FillProfileAsync(applicant);
        var apply = await applicant.GetPageAsync(applyPath);
        var lab = apply.Document.QuerySelectorAll("#Input_Choice1 option").Select(o => o.GetAttribute("value")).First(v => v != "")!;
        var saved = await applicant.SubmitAsync(apply, "#apply-form", new Dictionary<string, string> { ["Input.Choice1"] = lab, ["Input.Plan"] = "Learn cardiac imaging." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var path = saved.Headers.Location!.OriginalString;
        var id = int.Parse(path.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await ApplyTests.UploadAsync(applicant, id, DocumentKind.Cv, "cv.pdf", ApplyTests.Pdf, null);
        await ApplyTests.UploadAsync(applicant, id, DocumentKind.PractisingLicence, "licence.pdf", ApplyTests.Pdf, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(3)));
        await ApplyTests.UploadAsync(applicant, id, DocumentKind.NominationLetter, "letter.pdf", ApplyTests.Pdf, null);
        return path;
    }

    public static async Task<ApplicationStatus> StatusOfAsync(PortalFactory portal, string applicationPath)
    {
        var id = int.Parse(applicationPath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }
}
