using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Messages;

namespace ExchangePortal.Web.Pages;

/// <summary>A message to the other side of an application's thread (the applicant, or the university's coordinators).</summary>
public class MessageInput
{
    [Required(ErrorMessage = MessageRules.TextRequired)]
    [StringLength(ApplicationMessage.MaxTextLength, ErrorMessage = MessageRules.TooLong)]
    [Display(Name = "Your message")]
    public string Text { get; set; } = "";
}

/// <summary>An internal note on an application, read by the university's coordinators only.</summary>
public class NoteInput
{
    [Required(ErrorMessage = MessageRules.NoteRequired)]
    [StringLength(ApplicationMessage.MaxTextLength, ErrorMessage = MessageRules.TooLong)]
    [Display(Name = "Internal note (university coordinators only)")]
    public string Text { get; set; } = "";
}
