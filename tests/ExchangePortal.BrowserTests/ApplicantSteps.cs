using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

/// <summary>What every applicant does in a journey: complete the profile, then apply, upload the documents and submit.</summary>
public static class ApplicantSteps
{
    public static async Task FillProfileAsync(Journey doctor)
    {
        var page = doctor.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await page.GetByLabel("Name in Chinese characters (optional)").FillAsync("测试");
        await page.GetByLabel("Title (for example Attending Physician)").FillAsync("Attending Physician");
        await page.GetByLabel("Department").FillAsync("Department of Cardiology");
        await page.GetByLabel("Specialty").FillAsync("Cardiology");
        await page.GetByLabel("Years of practice").FillAsync("9");
        await page.GetByLabel("Practising licence number").FillAsync("110999888");
        await page.GetByLabel("Phone").FillAsync("+86 10 5555 0101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Your profile has been saved.");
        await doctor.CheckpointAsync("profile");
    }

    /// <summary>Applies to the open cohort (from the home page's Apply link), uploads the required documents and submits.</summary>
    public static async Task ApplyAndSubmitAsync(Journey doctor)
    {
        var page = doctor.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Exchange Portal" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Apply" }).First.ClickAsync();
        await page.GetByLabel("First choice").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Second choice (optional)").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.GetByLabel("Research or learning plan").FillAsync("Twelve weeks of cardiac imaging research, then a teaching session at home.");
        await doctor.CheckpointAsync("apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my application" }).ClickAsync();
        await Assertions.Expect(page.Locator("#todo-heading")).ToBeVisibleAsync();
        await doctor.CheckpointAsync("draft-todo");

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload documents" }).ClickAsync();
        var pdf = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.4\n%journey\n"u8.ToArray());
        foreach (var (kind, expires) in new[] { ("CV", ""), ("Practising licence", "2030-12-31"), ("Nomination letter", "") })
        {
            await page.GetByLabel("Document").SelectOptionAsync(new SelectOptionValue { Label = kind });
            await page.GetByLabel("File (PDF, PNG or JPEG, 10 MB at most)").SetInputFilesAsync(pdf);
            await page.GetByLabel("Expires on (licence, passport, permit, insurance)").FillAsync(expires);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Document uploaded.");
        }
        await doctor.CheckpointAsync("documents");

        await page.GetByRole(AriaRole.Link, new() { Name = "2027" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my application" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your application has been submitted.");
        await doctor.CheckpointAsync("submitted");
    }
}
