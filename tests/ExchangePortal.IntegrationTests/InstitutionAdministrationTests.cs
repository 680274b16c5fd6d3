using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Cohorts;
using ExchangePortal.Core.Data;
using ExchangePortal.Core.Institutions;
using ExchangePortal.Web.Pages.Admin.Institutions;
using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.IntegrationTests;

/// <summary>/Admin/Institutions through its real forms: create, edit, deactivate, reactivate, and what an inactive one is still offered for.</summary>
[Collection(PostgresCollection.Name)]
public class InstitutionAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string CohortRefusal = "It takes part in a cohort that is not completed or cancelled; complete or cancel the cohort first.";
    private const string AgreementRefusal = "It is a party to an agreement that is a draft or active; terminate the agreement or let it expire first.";

    [Fact]
    public async Task An_administrator_creates_edits_deactivates_and_reactivates_an_institution_each_change_audited()
    {
        var admin = await portal.SignInAsync("admin@demo.local");

        var id = await CreateAsync(admin, "Hospital", "Guangzhou Harbour Hospital", "GHH", "Guangzhou");
        var edit = await admin.GetPageAsync($"/Admin/Institutions/{id}/Edit");
        var saved = await admin.SubmitAsync(edit, "#institution-form", new Dictionary<string, string> { ["Input.City"] = "Shenzhen" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ToggleAsync(admin, id)).StatusCode);
        await using (var db = portal.NewDbContext())
            Assert.False((await db.Institutions.SingleAsync(i => i.Id == id)).IsActive);
        Assert.Equal(HttpStatusCode.Redirect, (await ToggleAsync(admin, id)).StatusCode);

        await using var check = portal.NewDbContext();
        var institution = await check.Institutions.SingleAsync(i => i.Id == id);
        Assert.Equal(("Guangzhou Harbour Hospital", "GHH", "Shenzhen", InstitutionKind.Hospital, true),
            (institution.Name, institution.ShortName, institution.City, institution.Kind, institution.IsActive));
        var audit = await check.AuditEntries.Where(e => e.RecordType == "Institution" && e.RecordId == id.ToString())
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["institution.created", "institution.edited", "institution.deactivated", "institution.reactivated"],
            audit.Select(e => e.Action));
        Assert.Equal("Guangzhou Harbour Hospital", audit[0].Changes["Name"].After);
        Assert.Equal(new("Guangzhou", "Shenzhen"), audit[1].Changes["City"]);
        Assert.Equal(["City"], audit[1].Changes.Keys);
        Assert.All(audit, e => Assert.NotNull(e.ActorId));
        var list = await admin.GetPageAsync("/Admin/Institutions");
        Assert.Contains("Guangzhou Harbour Hospital", list.Document.QuerySelector("#hospital-table")!.TextContent);
    }

    [Fact]
    public async Task A_name_already_used_by_the_same_kind_or_a_short_name_used_by_any_is_refused_whatever_the_case()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var hospital = await db.Institutions.FirstAsync(i => i.Kind == InstitutionKind.Hospital);
        var count = await db.Institutions.CountAsync();

        var sameName = await PostNewAsync(admin, "Hospital", hospital.Name.ToUpperInvariant(), "NEW1", "Hangzhou");
        var sameShortName = await PostNewAsync(admin, "Hospital", "Hangzhou Lakeside Hospital", hospital.ShortName.ToLowerInvariant(), "Hangzhou");

        Assert.Contains("Another hospital already has this name.", (await HtmlForms.ParseAsync(sameName)).Text());
        Assert.Contains("Another institution already has this short name.", (await HtmlForms.ParseAsync(sameShortName)).Text());
        Assert.Equal(count, await db.Institutions.CountAsync());
        // A university may carry a hospital's name: names are unique per kind.
        await CreateAsync(admin, "University", hospital.Name, "UNI-" + hospital.ShortName, hospital.City);
        var edit = await admin.GetPageAsync($"/Admin/Institutions/{hospital.Id}/Edit");
        var other = await db.Institutions.FirstAsync(i => i.Kind == InstitutionKind.Hospital && i.Id != hospital.Id);
        var renamed = await admin.SubmitAsync(edit, "#institution-form", new Dictionary<string, string> { ["Input.Name"] = other.Name.ToLowerInvariant() });
        Assert.Contains("Another hospital already has this name.", (await HtmlForms.ParseAsync(renamed)).Text());
        Assert.Equal(hospital.Name, (await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == hospital.Id)).Name);
    }

    [Fact]
    public async Task Bad_input_gets_messages_and_changes_nothing()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        var count = await db.Institutions.CountAsync();
        var audited = await db.AuditEntries.CountAsync();

        var tooLong = await PostNewAsync(admin, "Hospital", new string('x', 201), "TL", "Chengdu");
        var empty = await PostNewAsync(admin, "", "Chengdu Hospital", "", "   ");
        var hospital = await db.Institutions.AsNoTracking().FirstAsync(i => i.Kind == InstitutionKind.Hospital);
        var edit = await admin.GetPageAsync($"/Admin/Institutions/{hospital.Id}/Edit");
        var badEdit = await admin.SubmitAsync(edit, "#institution-form", new Dictionary<string, string> { ["Input.City"] = new string('c', 101) });

        Assert.Contains("The name can be at most 200 characters long.", (await HtmlForms.ParseAsync(tooLong)).Text());
        var emptyText = (await HtmlForms.ParseAsync(empty)).Text();
        Assert.Contains("Choose whether the institution is a university or a hospital.", emptyText);
        Assert.Contains("Give the institution's short name.", emptyText);
        Assert.Contains("Give the institution's city.", emptyText);
        Assert.Equal(HttpStatusCode.OK, badEdit.StatusCode);
        Assert.Contains("The city can be at most 100 characters long.", (await HtmlForms.ParseAsync(badEdit)).Text());
        Assert.Equal(count, await db.Institutions.CountAsync());
        Assert.Equal(audited, await db.AuditEntries.CountAsync());
        Assert.Equal(hospital.City, (await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == hospital.Id)).City);
    }

    [Fact]
    public async Task An_edit_from_a_stale_form_is_refused()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var id = await CreateAsync(admin, "University", "Macau Coastal University", "MCU", "Macau");
        var first = await admin.GetPageAsync($"/Admin/Institutions/{id}/Edit");
        var second = await admin.GetPageAsync($"/Admin/Institutions/{id}/Edit");
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.SubmitAsync(first, "#institution-form", new Dictionary<string, string> { ["Input.City"] = "Taipa" })).StatusCode);

        var stale = await admin.SubmitAsync(second, "#institution-form", new Dictionary<string, string> { ["Input.Name"] = "Macau Bay University" });

        Assert.Contains("This institution changed while you were editing it; please reload.", (await HtmlForms.ParseAsync(stale)).Text());
        await using var db = portal.NewDbContext();
        var institution = await db.Institutions.SingleAsync(i => i.Id == id);
        Assert.Equal(("Macau Coastal University", "Taipa"), (institution.Name, institution.City));
    }

    [Fact]
    public async Task An_institution_used_by_an_open_cohort_or_an_agreement_not_yet_ended_cannot_be_deactivated()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        await using var db = portal.NewDbContext();
        // The demo's parties: an active agreement and open cohorts.
        var party = await db.Agreements.Where(a => a.Status == AgreementStatus.Active).Select(a => a.HospitalId).FirstAsync();
        // A hospital party to no agreement whose staff applied to an open cohort: used through its applicants only.
        var applicantsOnly = await db.Institutions.Where(i => i.Kind == InstitutionKind.Hospital
                && !db.Agreements.Any(a => a.HospitalId == i.Id)
                && db.Applications.Any(a => a.Doctor.HospitalId == i.Id && !CohortRules.Ended.Contains(a.Cohort.Status)))
            .Select(i => i.Id).FirstAsync();

        var both = (await HtmlForms.ParseAsync(await ToggleAsync(admin, party))).Text();
        var cohortOnly = (await HtmlForms.ParseAsync(await ToggleAsync(admin, applicantsOnly))).Text();

        Assert.Contains(CohortRefusal, both);
        Assert.Contains(AgreementRefusal, both);
        Assert.Contains(CohortRefusal, cohortOnly);
        Assert.DoesNotContain(AgreementRefusal, cohortOnly);
        Assert.True(await db.Institutions.Where(i => i.Id == party || i.Id == applicantsOnly).AllAsync(i => i.IsActive));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "institution.deactivated" && (e.RecordId == party.ToString() || e.RecordId == applicantsOnly.ToString())));
    }

    [Fact]
    public async Task A_draft_agreement_keeps_its_hospital_active_until_it_is_terminated_then_new_agreements_no_longer_offer_it()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var hospitalId = await CreateAsync(admin, "Hospital", "Nanjing Garden Hospital", "NGH", "Nanjing");
        var agreements = await admin.GetPageAsync("/Admin/Agreements");
        Assert.Contains(hospitalId.ToString(), Options(agreements, "#Input_HospitalId"));
        var universityId = Options(agreements, "#Input_UniversityId").First();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(agreements, "#agreement-new-form", NewAgreement(universityId, hospitalId))).StatusCode);
        await using var db = portal.NewDbContext();
        var agreementId = await db.Agreements.Where(a => a.HospitalId == hospitalId).Select(a => a.Id).SingleAsync();

        var refused = (await HtmlForms.ParseAsync(await ToggleAsync(admin, hospitalId))).Text();
        var edit = await admin.GetPageAsync($"/Admin/Agreements/{agreementId}/Edit");
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.SubmitAsync(edit, "#agreement-form", new Dictionary<string, string> { ["Agreement.Status"] = "Terminated" })).StatusCode);
        var allowed = await ToggleAsync(admin, hospitalId);

        Assert.Contains(AgreementRefusal, refused);
        Assert.DoesNotContain(CohortRefusal, refused);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.False((await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == hospitalId)).IsActive);
        var after = await admin.GetPageAsync("/Admin/Agreements");
        Assert.DoesNotContain(hospitalId.ToString(), Options(after, "#Input_HospitalId"));
        var posted = await admin.SubmitAsync(after, "#agreement-new-form", NewAgreement(universityId, hospitalId));
        Assert.Contains("Choose a hospital from the list.", (await HtmlForms.ParseAsync(posted)).Text());
        Assert.Equal(1, await db.Agreements.CountAsync(a => a.HospitalId == hospitalId));
        // The existing agreement still shows its own, now inactive, hospital.
        Assert.Contains("Nanjing Garden Hospital", (await admin.GetPageAsync($"/Admin/Agreements/{agreementId}")).Document.Text());
    }

    [Fact]
    public async Task An_inactive_hospital_is_not_offered_at_registration_and_is_refused_if_posted()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var id = await CreateAsync(admin, "Hospital", "Wuhan Riverbank Hospital", "WRH", "Wuhan");
        var anonymous = portal.CreateClientWithoutRedirects();
        Assert.Contains(id.ToString(), Options(await anonymous.GetPageAsync("/Identity/Account/Register"), "#Input_HospitalId"));
        Assert.Equal(HttpStatusCode.Redirect, (await ToggleAsync(admin, id)).StatusCode);

        var page = await anonymous.GetPageAsync("/Identity/Account/Register");
        var response = await anonymous.SubmitAsync(page, "#register-form", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Dr. Inactive Hospital",
            ["Input.Email"] = "inactive.hospital@hospital.test",
            ["Input.HospitalId"] = id.ToString(),
            ["Input.Password"] = "a sufficiently long passphrase",
            ["Input.ConfirmPassword"] = "a sufficiently long passphrase",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.DoesNotContain(id.ToString(), Options(page, "#Input_HospitalId"));
        Assert.Contains("Please choose your hospital from the list.", (await HtmlForms.ParseAsync(response)).Text());
        await using var db = portal.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "inactive.hospital@hospital.test"));
    }

    [Fact]
    public async Task An_inactive_university_is_not_offered_for_a_new_host_lab()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var id = await CreateAsync(admin, "University", "Lingnan Hill University", "LHU", "Guangzhou");
        var coordinator = await portal.SignInAsync("coordinator@demo.local");
        Assert.Contains(id.ToString(), Options(await coordinator.GetPageAsync("/Coordinator/Labs/Create"), "#Input_UniversityId"));

        Assert.Equal(HttpStatusCode.Redirect, (await ToggleAsync(admin, id)).StatusCode);

        Assert.DoesNotContain(id.ToString(), Options(await coordinator.GetPageAsync("/Coordinator/Labs/Create"), "#Input_UniversityId"));
    }

    [Theory]
    [InlineData(null, "/Admin/Institutions", 302)]
    [InlineData("coordinator@demo.local", "/Admin/Institutions", 403)]
    [InlineData("hospital@demo.local", "/Admin/Institutions/1/Edit", 403)]
    [InlineData("doctor@demo.local", "/Admin/Institutions", 403)]
    [InlineData("admin@demo.local", "/Admin/Institutions/999999/Edit", 404)]
    public async Task Only_administrators_reach_the_institutions(string? user, string path, int expected)
    {
        var client = user is null ? portal.CreateClientWithoutRedirects() : await portal.SignInAsync(user);

        Assert.Equal(expected, (int)(await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_post_about_an_institution_that_is_not_there_is_not_found()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        var page = await admin.GetPageAsync("/Admin/Institutions");
        page.Document.QuerySelector(".institution-state-form")!.SetAttribute("action", "/Admin/Institutions?handler=Deactivate&id=999999");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync(page, ".institution-state-form", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task The_page_is_in_chinese_for_a_chinese_browser()
    {
        var admin = await portal.SignInAsync("admin@demo.local");
        admin.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var page = await admin.GetPageAsync("/Admin/Institutions");

        Assert.Contains("院校与医院", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("新建院校", page.Document.Text());
    }

    [Fact]
    public void The_form_lengths_are_the_columns()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var entity = db.Model.FindEntityType(typeof(Institution))!;
        foreach (var field in new[] { "Name", "ShortName", "City" })
            Assert.Equal(entity.FindProperty(field)!.GetMaxLength(),
                typeof(InstitutionInput).GetProperty(field)!.GetCustomAttribute<StringLengthAttribute>()!.MaximumLength);
    }

    private async Task<int> CreateAsync(HttpClient admin, string kind, string name, string shortName, string city)
    {
        var response = await PostNewAsync(admin, kind, name, shortName, city);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.NewDbContext();
        return await db.Institutions.Where(i => i.ShortName == shortName).Select(i => i.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PostNewAsync(HttpClient admin, string kind, string name, string shortName, string city)
    {
        var page = await admin.GetPageAsync("/Admin/Institutions");
        return await admin.SubmitAsync(page, "#institution-new-form", new Dictionary<string, string>
        {
            ["Input.Kind"] = kind,
            ["Input.Name"] = name,
            ["Input.ShortName"] = shortName,
            ["Input.City"] = city,
        });
    }

    /// <summary>Posts the institution's deactivate or reactivate button on the list.</summary>
    private static async Task<HttpResponseMessage> ToggleAsync(HttpClient admin, int id)
    {
        var page = await admin.GetPageAsync("/Admin/Institutions");
        return await admin.SubmitAsync(page, $"tr[data-institution-id='{id}'] form", new Dictionary<string, string>());
    }

    private static List<string> Options(HtmlForms.Page page, string select) =>
        page.Document.QuerySelectorAll($"{select} option").Select(o => o.GetAttribute("value") ?? "").Where(v => v != "").ToList();

    private static Dictionary<string, string> NewAgreement(string universityId, int hospitalId) => new()
    {
        ["Input.Title"] = $"Exchange agreement {hospitalId}",
        ["Input.UniversityId"] = universityId,
        ["Input.HospitalId"] = hospitalId.ToString(),
        ["Input.EffectiveFrom"] = "2027-01-01",
        ["Input.EffectiveTo"] = "2030-12-31",
    };
}
