using ExchangePortal.Core;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Institutions;

namespace ExchangePortal.UnitTests;

public class AgreementEditingTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private readonly Institution _university = new(InstitutionKind.University, "Victoria Harbour University", "VHU", "Hong Kong");
    private readonly Institution _hospital = new(InstitutionKind.Hospital, "Beijing Capital Teaching Hospital", "BCTH", "Beijing");

    private Agreement Draft() => new("Strategic Cooperation Agreement", _university, _hospital, new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31));

    [Theory]
    [InlineData("", "Give the agreement a title.")]
    [InlineData("   ", "Give the agreement a title.")]
    public void A_new_agreement_needs_a_title(string title, string message)
    {
        var error = Assert.Throws<DomainException>(() =>
            new Agreement(title, _university, _hospital, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Edit_changes_the_title_and_dates_and_keeps_them_in_order()
    {
        var agreement = Draft();

        agreement.Edit("  Renamed agreement ", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2031, 3, 1));

        Assert.Equal(("Renamed agreement", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2031, 3, 1)),
            (agreement.Title, agreement.SignedOn, agreement.EffectiveFrom, agreement.EffectiveTo));
        Assert.Equal("An agreement cannot end before it takes effect.", Assert.Throws<DomainException>(() =>
            agreement.Edit("Renamed agreement", null, new DateOnly(2027, 1, 1), new DateOnly(2026, 1, 1))).Message);
        Assert.Equal("An agreement cannot be signed after it ends.", Assert.Throws<DomainException>(() =>
            agreement.Edit("Renamed agreement", new DateOnly(2032, 1, 1), new DateOnly(2026, 1, 1), new DateOnly(2031, 1, 1))).Message);
        Assert.Equal("Renamed agreement", agreement.Title);
    }

    [Fact]
    public void A_draft_becomes_active_only_once_signed_and_a_signed_agreement_keeps_its_signing_date()
    {
        var agreement = Draft();

        Assert.Equal("Give the date the agreement was signed on before making it active.",
            Assert.Throws<DomainException>(agreement.Activate).Message);
        agreement.Edit(agreement.Title, new DateOnly(2026, 1, 1), agreement.EffectiveFrom, agreement.EffectiveTo);
        Assert.Equal("Add the signatories before making the agreement active.",
            Assert.Throws<DomainException>(agreement.Activate).Message);
        agreement.ReplaceSignatories([new AgreementSignatory("Prof. Henry Cheung", "President", _university)]);
        agreement.Activate();

        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Equal("A signed agreement keeps the date it was signed on.", Assert.Throws<DomainException>(() =>
            agreement.Edit(agreement.Title, null, agreement.EffectiveFrom, agreement.EffectiveTo)).Message);
    }

    [Fact]
    public void An_active_agreement_expires_only_after_its_end_date()
    {
        var agreement = Draft();
        agreement.Sign(new DateOnly(2026, 1, 1), [new AgreementSignatory("Prof. Henry Cheung", "President", _university)]);

        Assert.Contains("only after its end date", Assert.Throws<DomainException>(() => agreement.Expire(Today)).Message);
        agreement.Expire(new DateOnly(2031, 1, 1));

        Assert.Equal(AgreementStatus.Expired, agreement.Status);
    }

    [Theory]
    [InlineData(AgreementStatus.Active, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Terminated, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Terminated, AgreementStatus.Terminated)]
    [InlineData(AgreementStatus.Expired, AgreementStatus.Active)]
    [InlineData(AgreementStatus.Expired, AgreementStatus.Terminated)]
    public void An_agreement_does_not_go_back(AgreementStatus from, AgreementStatus to)
    {
        var agreement = Draft();
        agreement.Sign(new DateOnly(2026, 1, 1), [new AgreementSignatory("Prof. Henry Cheung", "President", _university)]);
        if (from == AgreementStatus.Terminated)
            agreement.Terminate();
        if (from == AgreementStatus.Expired)
            agreement.Expire(new DateOnly(2031, 1, 1));

        var error = Assert.Throws<DomainException>(() =>
        {
            if (to == AgreementStatus.Active)
                agreement.Activate();
            else
                agreement.Terminate();
        });

        Assert.Equal($"An agreement cannot go from {from} to {to}.", error.Message);
        Assert.Equal(from, agreement.Status);
    }

    [Theory]
    [InlineData(AgreementStatus.Draft, AgreementStatus.Active, true)]
    [InlineData(AgreementStatus.Draft, AgreementStatus.Terminated, true)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Expired, true)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Terminated, true)]
    [InlineData(AgreementStatus.Draft, AgreementStatus.Expired, false)]
    [InlineData(AgreementStatus.Active, AgreementStatus.Draft, false)]
    [InlineData(AgreementStatus.Expired, AgreementStatus.Active, false)]
    [InlineData(AgreementStatus.Terminated, AgreementStatus.Draft, false)]
    public void The_moves_an_agreement_may_make_are_one_table(AgreementStatus from, AgreementStatus to, bool allowed) =>
        Assert.Equal(allowed, AgreementRules.CanMove(from, to));

    [Fact]
    public void A_draft_or_active_agreement_can_be_terminated_and_then_no_longer_edited()
    {
        var agreement = Draft();

        agreement.Terminate();

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        Assert.Equal("A terminated agreement cannot be edited.", Assert.Throws<DomainException>(() =>
            agreement.Edit("New title", null, agreement.EffectiveFrom, agreement.EffectiveTo)).Message);
        Assert.Throws<DomainException>(() => agreement.SetAreas([new CollaborationArea("Joint research")]));
    }

    [Fact]
    public void Signatories_sign_for_one_of_the_two_parties_and_need_a_name_and_title()
    {
        var agreement = Draft();
        var other = new Institution(InstitutionKind.Hospital, "Shanghai Riverside Hospital", "SRH", "Shanghai");

        agreement.ReplaceSignatories([new AgreementSignatory("Prof. Henry Cheung", "President", _university), new AgreementSignatory("Dr. Zhao", "President", _hospital)]);

        Assert.Equal(["Prof. Henry Cheung, President, Victoria Harbour University", "Dr. Zhao, President, Beijing Capital Teaching Hospital"],
            agreement.Signatories.Select(s => s.ToString()));
        Assert.Equal("A signatory signs for the university or the hospital of this agreement.", Assert.Throws<DomainException>(() =>
            agreement.ReplaceSignatories([new AgreementSignatory("Dr. Chen", "Director", other)])).Message);
        Assert.Equal("Give each signatory a name and a title.", Assert.Throws<DomainException>(() => new AgreementSignatory("Dr. Chen", " ", _hospital)).Message);
        Assert.Equal(2, agreement.Signatories.Count);
    }

    [Fact]
    public void An_active_agreement_keeps_at_least_one_signatory()
    {
        var agreement = Draft();
        agreement.Sign(new DateOnly(2026, 1, 1), [new AgreementSignatory("Prof. Henry Cheung", "President", _university)]);

        Assert.Equal("An active agreement keeps at least one signatory.", Assert.Throws<DomainException>(() => agreement.ReplaceSignatories([])).Message);
    }

    [Fact]
    public void Areas_are_replaced_by_the_chosen_ones_and_a_new_area_needs_a_name()
    {
        var agreement = Draft();
        var education = new CollaborationArea("Medical education");
        var talent = new CollaborationArea("Talent development");
        agreement.SetAreas([education, talent]);

        agreement.SetAreas([talent, new CollaborationArea(" Joint research ")]);

        Assert.Equal(["Joint research", "Talent development"], agreement.Areas.Select(a => a.Name).Order());
        Assert.Equal("Give the new collaboration area a name.", Assert.Throws<DomainException>(() => new CollaborationArea(" ")).Message);
    }

    [Fact]
    public void A_target_reads_as_text_for_the_audit_trail()
    {
        var milestone = new AgreementMilestone(Draft(), "20 doctors placed", new DateOnly(2026, 12, 31));

        milestone.SetTarget(MilestoneMeasure.DoctorsPlaced, 20, department: "Department of Medicine", from: new DateOnly(2026, 1, 1), to: new DateOnly(2026, 12, 31));

        Assert.Equal("DoctorsPlaced 20, Department of Medicine, 2026-01-01 to 2026-12-31", milestone.TargetText());
        milestone.ClearTarget();
        Assert.Null(milestone.TargetText());
    }
}
