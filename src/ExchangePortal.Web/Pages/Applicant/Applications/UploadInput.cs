using System.ComponentModel.DataAnnotations;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Documents;

namespace ExchangePortal.Web.Pages.Applicant.Applications;

public class UploadInput
{
    [Required(ErrorMessage = "Choose what kind of document this is.")]
    [Display(Name = "Document")]
    public DocumentKind? Kind { get; set; }

    [Required(ErrorMessage = "Choose a file to upload.")]
    [MaxFileSize(StoredDocument.MaxBytes, ErrorMessage = "The file is larger than 10 MB.")]
    [Display(Name = "File (PDF, PNG or JPEG, 10 MB at most)")]
    public IFormFile? File { get; set; }

    [Display(Name = "Expires on (licence, passport, permit, insurance)")]
    public DateOnly? ExpiresOn { get; set; }

    [Display(Name = "Endorsement (Exit-Entry Permit only)")]
    public PermitEndorsement? Endorsement { get; set; }

    public async Task<Upload> ReadAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await File!.CopyToAsync(buffer, ct);
        return new Upload(Kind!.Value, File.FileName, buffer.ToArray(), ExpiresOn, Endorsement);
    }
}

/// <summary>An uploaded file no larger than the given number of bytes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxFileSizeAttribute(long bytes) : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not IFormFile file || file.Length <= bytes;
}
