using ExchangePortal.Core.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ExchangePortal.BrowserTests;

public class MessagesJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_writes_to_an_applicant_who_replies_in_Chinese_the_hospital_reads_and_a_selection_gets_one_message()
    {
        int id, other;
        await using (var db = fixture.NewDbContext())
        {
            id = await db.Applications.Where(a => a.Doctor.Email == "doctor2@demo.local").Select(a => a.Id).SingleAsync();
            other = await db.Applications.Where(a => a.Status == ApplicationStatus.UnderReview).Select(a => a.Id).FirstAsync();
        }
        await using var coordinator = new Journey(fixture, "messages-coordinator");
        await using var doctor = new Journey(fixture, "messages-doctor");
        await using var hospital = new Journey(fixture, "messages-hospital");
        foreach (var journey in new[] { coordinator, doctor, hospital })
            await journey.StartAsync();

        // The coordinator opens the thread from the review page, writes to the applicant and keeps a note.
        await coordinator.SignInAsync("coordinator@demo.local");
        await coordinator.GoToAsync($"/Coordinator/Applications/{id}");
        await coordinator.Page.GetByRole(AriaRole.Link, new() { Name = "Messages and internal notes" }).ClickAsync();
        await coordinator.Page.GetByLabel("Your message").FillAsync("Please upload your nomination letter again.\nThe scan is unreadable.");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Send to the applicant" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Message sent; the applicant has been emailed.");
        await coordinator.Page.GetByLabel("Internal note (university coordinators only)").FillAsync("Second time we ask.");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Save the note" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.Locator("#thread .thread-note")).ToContainTextAsync("Second time we ask.");
        await coordinator.CheckpointAsync("thread-with-note");

        // The applicant reads it in Chinese from the application's page and replies.
        await doctor.SignInAsync("doctor2@demo.local");
        await doctor.GoToAsync($"/Applicant/Applications/{id}");
        await doctor.Navbar.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await doctor.Page.GetByRole(AriaRole.Link, new() { Name = "与交流办公室的留言" }).ClickAsync();
        await Assertions.Expect(doctor.Page.Locator("#thread .thread-message")).ToContainTextAsync("The scan is unreadable.");
        await Assertions.Expect(doctor.Page.Locator("#thread .thread-note")).ToHaveCountAsync(0);
        await doctor.Page.GetByLabel("您的留言").FillAsync("好的，我今天重新上传。");
        await doctor.Page.GetByRole(AriaRole.Button, new() { Name = "发送至交流办公室" }).ClickAsync();
        await Assertions.Expect(doctor.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("您的留言已发送至交流办公室。");
        await doctor.CheckpointAsync("reply-in-chinese");

        // The hospital coordinator reads the thread, without the note and without a form.
        await hospital.SignInAsync("hospital@demo.local");
        await hospital.GoToAsync($"/Hospital/Applications/{id}/Messages");
        await Assertions.Expect(hospital.Page.Locator("#thread .thread-message")).ToHaveCountAsync(2);
        await Assertions.Expect(hospital.Page.Locator("textarea")).ToHaveCountAsync(0);
        await hospital.CheckpointAsync("read-only");

        // One message to a selection, as the review queue's button opens it.
        await coordinator.GoToAsync($"/Coordinator/Applications/Message?ids={id}&ids={other}");
        await Assertions.Expect(coordinator.Page.Locator("#recipients tr.recipient")).ToHaveCountAsync(2);
        await coordinator.Page.GetByLabel("Your message").FillAsync("The arrival briefing is on Monday at 9:00.");
        await coordinator.CheckpointAsync("selection");
        await coordinator.Page.GetByRole(AriaRole.Button, new() { Name = "Send to 2 applications" }).ClickAsync();
        await Assertions.Expect(coordinator.Page.Locator("#outcome")).ToContainTextAsync("Sent to 2 applications; 0 skipped.");
        await coordinator.CheckpointAsync("selection-sent");
    }
}
