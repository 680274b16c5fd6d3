using ExchangePortal.Core;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.UnitTests;

/// <summary>The pure rules behind the input guards (docs/security.md, "Input guards").</summary>
public class InputLimitsTests
{
    [Fact]
    public void Every_C0_control_character_but_tab_and_line_breaks_is_a_control_character()
    {
        for (var c = (char)0; c < 0x20; c++)
            Assert.Equal(c is not ('\t' or '\n' or '\r'), InputLimits.HasControlCharacter($"ab{c}cd"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Plain text")]
    [InlineData("Line one\r\nLine two\twith a tab")]
    [InlineData("王芳 — مرحبا 👩‍⚕️")]
    [InlineData("delete \u007F and C1 \u0085 are not C0")]
    public void Ordinary_text_has_none(string? text) => Assert.False(InputLimits.HasControlCharacter(text));

    [Theory]
    [InlineData("1900-01-01", true)]
    [InlineData("2200-12-31", true)]
    [InlineData("2026-12-02", true)]
    [InlineData("1899-12-31", false)]
    [InlineData("2201-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("0001-01-01", false)]
    public void Dates_are_sane_from_1900_to_2200(string date, bool sane) =>
        Assert.Equal(sane, InputLimits.IsSaneDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(1, 25, 1, 0)]
    [InlineData(3, 25, 3, 50)]
    [InlineData(0, 25, 1, 0)]
    [InlineData(-1, 25, 1, 0)]
    [InlineData(int.MinValue, 50, 1, 0)]
    [InlineData(int.MaxValue, 50, int.MaxValue / 50, (int.MaxValue / 50 - 1) * 50)]
    [InlineData(int.MaxValue, 1, int.MaxValue, int.MaxValue - 1)]
    [InlineData(int.MaxValue / 25 + 1, 25, int.MaxValue / 25, (int.MaxValue / 25 - 1) * 25)]
    public void A_page_number_is_clamped_so_its_offset_is_never_negative(int page, int pageSize, int clamped, int offset)
    {
        Assert.Equal(clamped, Paging.Clamp(page, pageSize));
        Assert.Equal(offset, Paging.Offset(page, pageSize));
        Assert.InRange(Paging.Offset(page, pageSize), 0, int.MaxValue - pageSize + 1);
    }

    [Fact]
    public void A_stored_document_refuses_a_file_name_longer_than_its_column_or_with_a_control_character()
    {
        byte[] bytes = [1, 2, 3];
        var now = DateTimeOffset.UtcNow;

        var fits = new StoredDocument(DocumentKind.Cv, new string('a', 251) + ".pdf", "application/pdf", bytes, "user", now);

        Assert.Equal(255, fits.FileName.Length);
        Assert.Throws<DomainException>(() => new StoredDocument(DocumentKind.Cv, new string('a', 252) + ".pdf", "application/pdf", bytes, "user", now));
        Assert.Throws<DomainException>(() => new StoredDocument(DocumentKind.Cv, "cv\u0000.pdf", "application/pdf", bytes, "user", now));
    }
}
