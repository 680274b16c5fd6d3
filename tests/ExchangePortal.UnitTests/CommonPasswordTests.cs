using ExchangePortal.Core.Users;

namespace ExchangePortal.UnitTests;

public class CommonPasswordTests
{
    [Theory]
    [InlineData("password", true)]
    [InlineData("PassWord", true)] // case-insensitive
    [InlineData("Password123456", true)] // a listed word with digits after it
    [InlineData("2026!!dragon!!", true)] // and before it
    [InlineData("qwerty123456", true)] // listed as it is
    [InlineData("Portal-Demo-2026", false)] // the demo password
    [InlineData("correct horse battery staple", false)]
    [InlineData("123456789012345", false)] // nothing left once the digits are off, and not listed itself
    public void A_password_is_common_when_it_or_its_word_is_in_the_list(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("a walk with Grace.Hopper", "grace.hopper@navy.test", true)]
    [InlineData("grace.hopper@navy.test is me", "grace.hopper@navy.test", true)]
    [InlineData("lima beans and rice", "li@hospital.test", false)] // a local part under 3 characters is not checked
    [InlineData("amazing grace hopper", "grace.hopper@navy.test", false)]
    [InlineData("anything at all here", null, false)]
    public void A_password_may_not_contain_the_emails_local_part(string password, string? email, bool contains) =>
        Assert.Equal(contains, CommonPasswordValidator.ContainsLocalPart(password, email));

    [Fact]
    public void The_list_holds_ten_thousand_passwords() => Assert.Equal(10_000, CommonPasswordValidator.Count);
}
