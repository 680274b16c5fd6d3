using System.Security.Cryptography;
using ExchangePortal.Core.Applications;
using ExchangePortal.Core.Agreements;
using ExchangePortal.Core.Users;

namespace ExchangePortal.Core.Documents;

public enum DocumentKind
{
    Cv,
    PractisingLicence,
    NominationLetter,
    TravelDocument,
    Insurance,
    VisaOrEntryPermit,
    SignedAgreement,
    EndOfStayReport,
}

public static class DocumentKinds
{
    /// <summary>The kind in plain words, as people name these papers.</summary>
    public static string Describe(this DocumentKind kind) => kind switch
    {
        DocumentKind.Cv => "CV",
        DocumentKind.PractisingLicence => "Practising licence",
        DocumentKind.NominationLetter => "Nomination letter",
        DocumentKind.TravelDocument => "Passport or travel permit",
        DocumentKind.Insurance => "Insurance",
        DocumentKind.VisaOrEntryPermit => "Visa or entry permit",
        DocumentKind.SignedAgreement => "Signed agreement",
        DocumentKind.EndOfStayReport => "End-of-stay report",
        _ => kind.ToString(),
    };

    /// <summary>The kind inside a sentence: "practising licence", but "CV" stays "CV".</summary>
    public static string InSentence(this DocumentKind kind)
    {
        var words = kind.Describe();
        return words.Length > 1 && char.IsUpper(words[1]) ? words : char.ToLowerInvariant(words[0]) + words[1..];
    }
}

/// <summary>A document's metadata; its bytes live in <see cref="DocumentContent"/>, a table of their own.</summary>
public class StoredDocument
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; private set; }
    public DocumentKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string UploadedById { get; private set; } = "";
    public PortalUser UploadedBy { get; private set; } = null!;
    public DateTimeOffset UploadedAt { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public int? ApplicationId { get; private set; }
    public ExchangeApplication? Application { get; private set; }
    public int? AgreementId { get; private set; }
    public Agreement? Agreement { get; private set; }
    public DocumentContent Content { get; private set; } = null!;

    private StoredDocument() { }

    /// <param name="contentType">The type detected from the bytes by the caller, never the one the upload claimed.</param>
    public StoredDocument(DocumentKind kind, string fileName, string contentType, byte[] bytes, string uploadedById,
        DateTimeOffset now, DateOnly? expiresOn = null)
    {
        if (bytes.Length == 0)
            throw new DomainException("The file is empty.");
        if (bytes.LongLength > MaxBytes)
            throw new DomainException("The file is larger than 10 MB.");
        fileName = Path.GetFileName(fileName);
        if (fileName.Length > InputLimits.MaxFileNameLength)
            throw new DomainException("The file name is longer than 255 characters; rename the file and upload it again.");
        if (InputLimits.HasControlCharacter(fileName))
            throw new DomainException("The file name contains a control character; rename the file and upload it again.");
        Id = Guid.NewGuid();
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = bytes.LongLength;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        UploadedById = uploadedById;
        UploadedAt = now;
        ExpiresOn = expiresOn;
        Content = new DocumentContent(Id, bytes);
    }

    public void AttachTo(ExchangeApplication application) => Application = application;

    public void AttachTo(Agreement agreement) => Agreement = agreement;
}

public class DocumentContent
{
    public Guid DocumentId { get; private set; }
    public byte[] Bytes { get; private set; } = [];

    private DocumentContent() { }

    internal DocumentContent(Guid documentId, byte[] bytes)
    {
        DocumentId = documentId;
        Bytes = bytes;
    }
}
