namespace ExchangePortal.Web.Areas.Identity.Pages.Account;

/// <summary>What an emailed confirmation link carries; the page posts it back when the person confirms.</summary>
public class LinkInput
{
    public string? UserId { get; set; }

    public string? Email { get; set; }

    public string? Code { get; set; }
}
