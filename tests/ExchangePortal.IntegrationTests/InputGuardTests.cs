using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Web.InputGuards;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>
/// The input guards (docs/security.md, "Input guards"): what a hostile visitor can type or craft — control characters,
/// over-long text and file names, page numbers near int.MaxValue, dates such as 9999-12-31, enum values that name no
/// member — never ends in a 5xx, is answered with a message (or a 4xx), and changes nothing in the database.
/// </summary>
[Collection(PostgresCollection.Name)]
public class InputGuardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@demo.local";
    private const string Coordinator = "coordinator@demo.local";
    private const string Hospital = "hospital@demo.local";
    private const string Doctor = "doctor@demo.local";

    private const string ControlCharacterInForm = InputGuardFilter.ControlCharacterInForm;
    private const string ControlCharacterInField = InputGuardFilter.ControlCharacterInField;
    private const string BadDate = SaneDateAttribute.Message;
    private const string ChooseAnOption = DefinedEnumBinder.ChooseAnOption;

    // ---- control characters ----

    [Theory]
    [InlineData(null, "/Labs?Q=%00")]
    [InlineData(null, "/Labs?Q=stroke&Department=%00&Area=a%01b")]
    [InlineData(Coordinator, "/Coordinator?Filter.Q=a%00b&Filter.Specialty=%00")]
    [InlineData(Admin, "/Admin/Users?Q=%00")]
    [InlineData(Admin, "/Admin/Audit?Filter.Actor=%00&Filter.Record=%07")]
    [InlineData(Hospital, "/Hospital/Staff?Cohort=%00")]
    [InlineData(Admin, "/Admin/Stays?unbound=%1B")]
    public async Task A_control_character_in_a_search_or_filter_shows_the_page_with_a_message(string? email, string url)
    {
        var client = await ClientAsync(email);
        var before = await FingerprintAsync();

        var page = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains(ControlCharacterInForm, Problems(page.Document));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task In_production_a_NUL_in_the_lab_search_is_the_page_with_a_message_not_the_outage_page()
    {
        await using var production = new ProductionPortalFactory();
        var client = production.CreateClient();

        var page = await client.GetPageAsync("/Labs?Q=%00");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains(ControlCharacterInForm, Problems(page.Document));
        Assert.DoesNotContain("cannot reach its database", page.Document.Text());
    }

    [Fact]
    public async Task The_message_about_a_control_character_is_in_the_users_language()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var page = await client.GetPageAsync("/Labs?Q=%00");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("您输入的内容含有无法保存的控制字符（如 NUL）。", Problems(page.Document));
    }

    [Fact]
    public async Task A_control_character_in_a_form_field_is_refused_under_the_field_and_changes_nothing()
    {
        var client = await portal.SignInAsync(Doctor);
        var form = await client.GetPageAsync("/Applicant/Profile");
        var before = await FingerprintAsync();

        var response = await client.SubmitAsync(form, "#profile-form", new Dictionary<string, string> { ["Input.FullName"] = "Li\u0001 Wei" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal(ControlCharacterInField, FieldMessage(page, "Input.FullName"));
        Assert.Contains(ControlCharacterInForm, page.Text());
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_NUL_in_a_url_encoded_form_is_a_bad_request_that_changes_nothing()
    {
        // The framework's form decoder refuses NUL itself: the post never reaches a handler.
        var client = await portal.SignInAsync(Doctor);
        var form = await client.GetPageAsync("/Applicant/Profile");
        var before = await FingerprintAsync();

        var response = await client.SubmitAsync(form, "#profile-form", new Dictionary<string, string> { ["Input.Bio"] = "a\0b" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_NUL_in_a_multipart_form_and_a_control_character_in_a_file_name_are_refused_and_nothing_is_saved()
    {
        var client = await portal.SignInAsync(Doctor);
        var application = await DraftOfAsync(Doctor);
        var before = await FingerprintAsync();

        var nulInField = await UploadAsync(client, application, "cv.pdf", new() { ["Input.Kind"] = "Cv", ["Note"] = "a\0b" });
        var bellInName = await UploadAsync(client, application, "cv\u0007.pdf", new() { ["Input.Kind"] = "Cv" });

        Assert.Equal(HttpStatusCode.OK, nulInField.StatusCode);
        Assert.Contains(ControlCharacterInForm, (await HtmlForms.ParseAsync(nulInField)).Text());
        Assert.Equal(HttpStatusCode.OK, bellInName.StatusCode);
        Assert.Equal(ControlCharacterInField, FieldMessage(await HtmlForms.ParseAsync(bellInName), "Input.File"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_route_value_with_a_control_character_names_nothing()
    {
        var admin = await portal.SignInAsync(Admin);

        var response = await admin.GetAsync("/Admin/Users/Edit/%01");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/\u0001x")]
    [InlineData("/Labs?q=中文")]
    [InlineData("//evil.example")]
    public async Task The_language_switch_sends_a_crafted_return_address_home(string returnUrl)
    {
        var client = portal.CreateClientWithoutRedirects();

        var response = await client.PostAsync("/Language", new FormUrlEncodedContent([new("culture", "zh-Hans"), new("returnUrl", returnUrl)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    // ---- lengths ----

    [Fact]
    public async Task Text_longer_than_its_column_is_refused_with_a_message_and_nothing_is_saved()
    {
        var doctor = await portal.SignInAsync(Doctor);
        var hospital = await portal.SignInAsync(Hospital);
        var admin = await portal.SignInAsync(Admin);
        var profile = await doctor.GetPageAsync("/Applicant/Profile");
        var endorse = await hospital.GetPageAsync($"/Hospital/Applications/{await SubmittedOfAsync("doctor2@demo.local")}");
        var agreement = await admin.GetPageAsync($"/Admin/Agreements/{await AgreementAsync()}");
        var before = await FingerprintAsync();

        var name = await doctor.SubmitAsync(profile, "#profile-form", new Dictionary<string, string> { ["Input.FullName"] = new string('N', 5000) });
        var reason = await hospital.SubmitAsync(endorse, "#decline-form", new Dictionary<string, string> { ["decline.Reason"] = new string('r', 4001) });
        // With an action the milestone can take (or a refusal of it): only the note's length stands between the post and a change.
        var note = await admin.SubmitAsync(agreement, "form.milestone-form", new Dictionary<string, string>
        {
            ["note"] = new string('n', 4001),
            ["change"] = "Start",
        });

        Assert.Equal(HttpStatusCode.OK, name.StatusCode);
        Assert.Equal("Full name (as in your passport) can be at most 200 characters long.", FieldMessage(await HtmlForms.ParseAsync(name), "Input.FullName"));
        Assert.Equal(HttpStatusCode.OK, reason.StatusCode);
        Assert.Contains("Keep the reason under 4,000 characters.", (await HtmlForms.ParseAsync(reason)).Text());
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Contains("Keep the note under 4,000 characters.", (await HtmlForms.ParseAsync(note)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_file_name_longer_than_255_characters_is_refused_and_nothing_is_saved()
    {
        var doctor = await portal.SignInAsync(Doctor);
        var admin = await portal.SignInAsync(Admin);
        var application = await DraftOfAsync(Doctor);
        var agreement = await AgreementAsync();
        var longName = new string('x', 300) + ".pdf";
        var before = await FingerprintAsync();

        var upload = await UploadAsync(doctor, application, longName, new() { ["Input.Kind"] = "Cv" });
        var signed = await UploadSignedAsync(admin, agreement, longName);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(InputGuardFilter.FileNameTooLong, FieldMessage(await HtmlForms.ParseAsync(upload), "Input.File"));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains(InputGuardFilter.FileNameTooLong, (await HtmlForms.ParseAsync(signed)).Text());
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- paging ----

    [Theory]
    [InlineData(Admin, "/Admin/Audit?Filter.P=2147483647")]
    [InlineData(Admin, "/Admin/Audit?Filter.P=42949673")]
    [InlineData(Admin, "/Admin/Users?P=2147483647")]
    [InlineData(Admin, "/Admin/Users?P=-2147483648")]
    [InlineData(Coordinator, "/Coordinator?Filter.P=2147483647")]
    [InlineData(Coordinator, "/Coordinator?Filter.P=0")]
    [InlineData(Hospital, "/Hospital/Staff?P=2147483647")]
    [InlineData(Hospital, "/Hospital/Staff?P=-5")]
    [InlineData(Hospital, "/Hospital/Staff?P=0")]
    [InlineData(Hospital, "/Hospital/Staff?P=2147483648")]
    public async Task Any_page_number_shows_a_sane_page(string email, string url)
    {
        var client = await portal.SignInAsync(email);
        var before = await FingerprintAsync();

        var page = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.NotNull(page.Document.QuerySelector("h1"));
        // Every paging link names a page from 1 up, never a negative or overflowed one.
        Assert.All(page.Document.QuerySelectorAll(".pagination a"), a => Assert.DoesNotMatch("(?i)p=-", a.GetAttribute("href") ?? ""));
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- dates ----

    [Fact]
    public async Task A_cohort_ending_on_9999_12_31_is_refused_with_a_message_and_nothing_is_saved()
    {
        var coordinator = await portal.SignInAsync(Coordinator);
        var cohort = await CohortAsync(CohortStatus.Open);
        var edit = await coordinator.GetPageAsync($"/Coordinator/Cohorts/Edit/{cohort}");
        var create = await coordinator.GetPageAsync("/Coordinator/Cohorts/Create");
        var before = await FingerprintAsync();

        var edited = await coordinator.SubmitAsync(edit, "#cohort-form", new Dictionary<string, string> { ["Input.EndsOn"] = "9999-12-31" });
        var created = await coordinator.SubmitAsync(create, "#cohort-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Forever cohort",
            ["Input.Capacity"] = "2",
            ["Input.ApplicationOpensOn"] = "2031-01-01",
            ["Input.ApplicationClosesOn"] = "2031-02-01",
            ["Input.StartsOn"] = "2031-03-01",
            ["Input.EndsOn"] = "9999-12-31",
        });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(BadDate, FieldMessage(await HtmlForms.ParseAsync(edited), "Input.EndsOn"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(BadDate, FieldMessage(await HtmlForms.ParseAsync(created), "Input.EndsOn"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Dates_outside_1900_to_2200_are_refused_wherever_they_bind()
    {
        var admin = await portal.SignInAsync(Admin);
        var doctor = await portal.SignInAsync(Doctor);
        var details = await admin.GetPageAsync($"/Admin/Agreements/{await AgreementAsync()}");
        var application = await DraftOfAsync(Doctor);
        var before = await FingerprintAsync();

        var milestone = await admin.SubmitAsync(details, "#milestone-form", new Dictionary<string, string>
        {
            ["milestone.Title"] = "Far away",
            ["milestone.DueOn"] = "0001-01-01",
        });
        var filter = await admin.GetPageAsync("/Admin/Audit?Filter.From=1899-12-31&Filter.To=9999-12-31");
        var upload = await UploadAsync(doctor, application, "licence.pdf", new() { ["Input.Kind"] = "PractisingLicence", ["Input.ExpiresOn"] = "9999-12-31" });

        Assert.Equal(HttpStatusCode.OK, milestone.StatusCode);
        Assert.Contains(BadDate, (await HtmlForms.ParseAsync(milestone)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, filter.Response.StatusCode);
        Assert.Contains(BadDate, Problems(filter.Document));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(BadDate, FieldMessage(await HtmlForms.ParseAsync(upload), "Input.ExpiresOn"));
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- enums ----

    [Theory]
    [InlineData("change=Bogus")]
    [InlineData("")]
    [InlineData("change=")]
    [InlineData("change=99")]
    [InlineData("change=Open,Cancel")]
    [InlineData("change=Cancel,Cancel")]
    public async Task A_cohort_status_change_that_names_no_action_is_refused_and_the_cohort_stays_as_it_was(string body)
    {
        var coordinator = await portal.SignInAsync(Coordinator);
        var cohort = await PlanningCohortAsync(coordinator);
        var page = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohort}");
        var before = await FingerprintAsync();

        var response = await PostAsync(coordinator, page, $"/Coordinator/Cohorts/{cohort}?handler=Status", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ChooseAnOption, (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(CohortStatus.Planning, await StatusOfAsync(cohort));
    }

    [Fact]
    public async Task Other_enums_that_name_no_member_are_refused_with_a_message()
    {
        var admin = await portal.SignInAsync(Admin);
        var coordinator = await portal.SignInAsync(Coordinator);
        var doctor = await portal.SignInAsync(Doctor);
        var agreementId = await AgreementAsync();
        var details = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}");
        var edit = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}/Edit");
        var milestoneForm = details.Document.QuerySelector("form.milestone-form")!;
        var milestoneAction = WebUtility.HtmlDecode(milestoneForm.GetAttribute("action")!);
        var application = await DraftOfAsync(Doctor);
        var before = await FingerprintAsync();

        var milestone = await PostAsync(admin, details, milestoneAction + "&change=Bogus", "note=x");
        var agreementStatus = await admin.SubmitAsync(edit, "#agreement-form", new Dictionary<string, string> { ["Agreement.Status"] = "Bogus" });
        var agreementWithoutStatus = await PostAsync(admin, edit, $"/Admin/Agreements/{agreementId}/Edit",
            string.Join('&', FormFields(edit, "#agreement-form").Where(f => f.Key != "Agreement.Status").Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
        var queue = await coordinator.GetPageAsync("/Coordinator?Filter.Status=Bogus&Filter.Sort=Name,Submitted");
        var upload = await UploadAsync(doctor, application, "cv.pdf", new() { ["Input.Kind"] = "12345" });

        Assert.Equal(HttpStatusCode.OK, milestone.StatusCode);
        Assert.Contains(ChooseAnOption, (await HtmlForms.ParseAsync(milestone)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, agreementStatus.StatusCode);
        Assert.Contains(ChooseAnOption, (await HtmlForms.ParseAsync(agreementStatus)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, agreementWithoutStatus.StatusCode);
        Assert.Contains("A value for Status is required.", (await HtmlForms.ParseAsync(agreementWithoutStatus)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, queue.Response.StatusCode);
        Assert.Contains(ChooseAnOption, Problems(queue.Document));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(ChooseAnOption, FieldMessage(await HtmlForms.ParseAsync(upload), "Input.Kind"));
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- booleans ----

    [Fact]
    public async Task A_checkbox_sent_as_neither_true_nor_false_is_a_message_not_a_crash_and_changes_nothing()
    {
        var coordinator = await portal.SignInAsync(Coordinator);
        var doctor = await portal.SignInAsync("doctor2@demo.local");
        var anonymous = portal.CreateClientWithoutRedirects();
        var cohort = await CohortAsync(CohortStatus.Open);
        var edit = await coordinator.GetPageAsync($"/Coordinator/Cohorts/Edit/{cohort}");
        var details = await doctor.GetPageAsync($"/Applicant/Applications/{await SubmittedOfAsync("doctor2@demo.local")}");
        var login = await anonymous.GetPageAsync("/Identity/Account/Login");
        var before = await FingerprintAsync();

        var endorsement = await coordinator.SubmitAsync(edit, "#cohort-form", new Dictionary<string, string> { ["Input.RequiresEndorsement"] = "abc" });
        var takesPart = await coordinator.SubmitAsync(edit, "#cohort-form", new Dictionary<string, string> { ["Input.Labs[0].TakesPart"] = "maybe" });
        var withdraw = await doctor.SubmitAsync(details, "#withdraw-form", new Dictionary<string, string> { ["withdrawal.Confirm"] = "yes please" });
        var rememberMe = await anonymous.SubmitAsync(login, "#login-form", new Dictionary<string, string>
        {
            ["Input.Email"] = Doctor,
            ["Input.Password"] = "not the password",
            ["Input.RememberMe"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, endorsement.StatusCode);
        Assert.Contains("is not valid", (await HtmlForms.ParseAsync(endorsement)).Text());
        Assert.Equal(HttpStatusCode.OK, takesPart.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.Contains("is not valid", (await HtmlForms.ParseAsync(withdraw)).Text());
        Assert.True(rememberMe.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)rememberMe.StatusCode}");
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- handlers that are not there, parameters no field shows ----

    [Fact]
    public async Task A_post_to_a_handler_the_page_does_not_have_is_not_found_and_a_post_to_a_page_without_posts_is_not_allowed()
    {
        var coordinator = await portal.SignInAsync(Coordinator);
        var cohort = await CohortAsync(CohortStatus.Open);
        var page = await coordinator.GetPageAsync($"/Coordinator/Cohorts/{cohort}");
        var before = await FingerprintAsync();

        var unknownHandler = await PostAsync(coordinator, page, $"/Coordinator/Cohorts/{cohort}?handler=Nope", "");
        var noHandler = await PostAsync(coordinator, page, $"/Coordinator/Cohorts/{cohort}", "");
        var getOnly = await PostAsync(coordinator, page, "/Coordinator/Cohorts", "");

        Assert.Equal(HttpStatusCode.NotFound, unknownHandler.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noHandler.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getOnly.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_version_that_is_not_a_number_is_shown_at_the_top_of_the_form_and_changes_nothing()
    {
        var hospital = await portal.SignInAsync(Hospital);
        var endorse = await hospital.GetPageAsync($"/Hospital/Applications/{await SubmittedOfAsync("doctor2@demo.local")}");
        var before = await FingerprintAsync();

        var response = await hospital.SubmitAsync(endorse, "#endorse-form", new Dictionary<string, string> { ["version"] = "-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The value entered is not valid.", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- helpers ----

    /// <summary>
    /// What any change would alter: row counts of the tables a page writes, and the sum of each row's transaction id
    /// (xmin, new on every update) of the tables it updates.
    /// </summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = portal.NewDbContext();
        string[] counted = ["Applications", "ApplicationHistory", "Documents", "Milestones", "MilestoneFollowers", "Cohorts", "CohortLabs",
            "HostLabs", "Agreements", "AgreementSignatories", "CollaborationAreas", "Placements", "Notifications", "AuditEntries"];
        string[] updated = ["Applications", "Milestones", "Cohorts", "CohortLabs", "HostLabs", "Agreements", "Doctors", "Placements", "AspNetUsers"];
        var sql = "SELECT concat_ws('|', "
            + string.Join(", ", counted.Select(t => $"(SELECT count(*) FROM \"{t}\")")
                .Concat(updated.Select(t => $"(SELECT coalesce(sum(xmin::text::bigint), 0) FROM \"{t}\")")))
            + ") AS \"Value\"";
        return await db.Database.SqlQueryRaw<string>(sql).SingleAsync();
    }

    private async Task<HttpClient> ClientAsync(string? email) =>
        email is null ? portal.CreateClientWithoutRedirects() : await portal.SignInAsync(email);

    private static string Problems(IHtmlDocument page) => page.QuerySelector("#input-problems")?.TextContent ?? "";

    private static string FieldMessage(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    private static List<KeyValuePair<string, string>> FormFields(HtmlForms.Page page, string selector) =>
        ((IHtmlFormElement)page.Document.QuerySelector(selector)!).Elements.Select(e => e switch
        {
            IHtmlInputElement i when !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button" or "checkbox" or "radio") => new KeyValuePair<string, string>(i.Name, i.Value),
            IHtmlInputElement i when !string.IsNullOrEmpty(i.Name) && i.IsChecked => new(i.Name, i.Value),
            IHtmlSelectElement s when !string.IsNullOrEmpty(s.Name) => new(s.Name, s.Value ?? ""),
            IHtmlTextAreaElement t when !string.IsNullOrEmpty(t.Name) => new(t.Name, t.Value),
            _ => new("", ""),
        }).Where(f => f.Key is not ("" or "__RequestVerificationToken")).ToList();

    /// <summary>A url-encoded post of exactly <paramref name="body"/> (plus the page's antiforgery token).</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, HtmlForms.Page page, string url, string body)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new StringContent($"{body}{(body.Length > 0 ? "&" : "")}__RequestVerificationToken={Uri.EscapeDataString(token)}");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return client.PostAsync(url, content);
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n%test\n"u8.ToArray();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int application, string fileName, Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync($"/Applicant/Applications/{application}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        content.Add(PdfPart("Input.File", fileName));
        return await client.PostAsync(action, content);
    }

    private static async Task<HttpResponseMessage> UploadSignedAsync(HttpClient client, int agreement, string fileName)
    {
        var page = await client.GetPageAsync($"/Admin/Agreements/{agreement}/Documents");
        var token = page.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = WebUtility.HtmlDecode(page.Document.QuerySelector("#upload-form")!.GetAttribute("action")!);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        content.Add(PdfPart("document", fileName));
        return await client.PostAsync(action, content);
    }

    // The file name goes into the part's header as sent (MultipartFormDataContent would quote and encode it).
    private static ByteArrayContent PdfPart(string field, string fileName)
    {
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"{fileName}\"");
        return file;
    }

    private async Task<int> DraftOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Doctor.Email == email && a.Status == Core.Applications.ApplicationStatus.Draft)
            .Select(a => a.Id).FirstAsync();
    }

    private async Task<int> SubmittedOfAsync(string email)
    {
        await using var db = portal.NewDbContext();
        return await db.Applications.Where(a => a.Doctor.Email == email && a.Status == Core.Applications.ApplicationStatus.Submitted)
            .Select(a => a.Id).FirstAsync();
    }

    private async Task<int> AgreementAsync()
    {
        await using var db = portal.NewDbContext();
        return await db.Milestones.Where(m => m.Title == "Annual review of the cooperation").Select(m => m.AgreementId).FirstAsync();
    }

    private async Task<int> CohortAsync(CohortStatus status)
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.Where(c => c.Status == status).Select(c => c.Id).FirstAsync();
    }

    private async Task<CohortStatus> StatusOfAsync(int cohort)
    {
        await using var db = portal.NewDbContext();
        return await db.Cohorts.Where(c => c.Id == cohort).Select(c => c.Status).SingleAsync();
    }

    /// <summary>A cohort in Planning, made through the real form once (the first action it offers is Open).</summary>
    private async Task<int> PlanningCohortAsync(HttpClient coordinator)
    {
        await using (var db = portal.NewDbContext())
        {
            var existing = await db.Cohorts.Where(c => c.Name == "Guarded cohort").Select(c => c.Id).FirstOrDefaultAsync();
            if (existing != 0)
                return existing;
        }
        var create = await coordinator.GetPageAsync("/Coordinator/Cohorts/Create");
        var created = await coordinator.SubmitAsync(create, "#cohort-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Guarded cohort",
            ["Input.Capacity"] = "2",
            ["Input.ApplicationOpensOn"] = "2031-01-01",
            ["Input.ApplicationClosesOn"] = "2031-02-01",
            ["Input.StartsOn"] = "2031-03-01",
            ["Input.EndsOn"] = "2031-06-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
    }
}
