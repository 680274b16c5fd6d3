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
    ExitEntryPermit,
}

/// <summary>Where a document stands with the university: waiting for a coordinator, verified, or returned with a reason.</summary>
public enum DocumentVerification
{
    Waiting,
    Verified,
    Returned,
}

/// <summary>The endorsement (签注) on a mainland Exit-Entry Permit for travelling to Hong Kong and Macao.</summary>
public enum PermitEndorsement
{
    Business,
    Other,
    Stay,
    IndividualVisit,
    GroupTour,
    VisitingRelatives,
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
        DocumentKind.ExitEntryPermit => "Exit-Entry Permit for Hong Kong",
        _ => kind.ToString(),
    };

    public static string Describe(this PermitEndorsement endorsement) => endorsement switch
    {
        PermitEndorsement.Business => "Business (S)",
        PermitEndorsement.Other => "Other (Q)",
        PermitEndorsement.Stay => "Stay (D)",
        PermitEndorsement.IndividualVisit => "Individual visit (G)",
        PermitEndorsement.GroupTour => "Group tour (L)",
        PermitEndorsement.VisitingRelatives => "Visiting relatives (T)",
        _ => endorsement.ToString(),
    };

    public static string Describe(this DocumentVerification verification) => verification switch
    {
        DocumentVerification.Waiting => "Waiting for verification",
        DocumentVerification.Verified => "Verified",
        DocumentVerification.Returned => "Returned",
        _ => verification.ToString(),
    };

    /// <summary>The kind inside a sentence: "practising licence", but "CV" stays "CV".</summary>
    public static string InSentence(this DocumentKind kind)
    {
        var words = kind.Describe();
        return kind == DocumentKind.ExitEntryPermit || words.Length > 1 && char.IsUpper(words[1]) ? words : char.ToLowerInvariant(words[0]) + words[1..];
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

    /// <summary>The endorsement type of an Exit-Entry Permit; null for every other kind.</summary>
    public PermitEndorsement? Endorsement { get; private set; }
    public DocumentVerification Verification { get; private set; }
    public string? CheckedById { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }

    /// <summary>Why a coordinator returned the document, as the applicant reads it.</summary>
    public string? ReturnReason { get; private set; }
    public uint Version { get; private set; }

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

    public const int MaxReturnReasonLength = 1000;

    public void SetEndorsement(PermitEndorsement? endorsement)
    {
        if (Kind == DocumentKind.ExitEntryPermit && endorsement is null)
            throw new DomainException("Choose the endorsement type of your Exit-Entry Permit.");
        Endorsement = Kind == DocumentKind.ExitEntryPermit ? endorsement : null;
    }

    /// <summary>A coordinator has checked the document against the original and finds it in order.</summary>
    public void Verify(string actorId, DateTimeOffset now)
    {
        RequireWaiting();
        Verification = DocumentVerification.Verified;
        CheckedById = actorId;
        CheckedAt = now;
        ReturnReason = null;
    }

    /// <summary>A coordinator sends the document back to the applicant, saying what is wrong with it.</summary>
    public void Return(string reason, string actorId, DateTimeOffset now)
    {
        RequireWaiting();
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Please give a reason the applicant can act on.");
        if (reason.Trim().Length > MaxReturnReasonLength)
            throw new DomainException("The reason is longer than 1000 characters.");
        Verification = DocumentVerification.Returned;
        CheckedById = actorId;
        CheckedAt = now;
        ReturnReason = reason.Trim();
    }

    private void RequireWaiting()
    {
        if (Verification != DocumentVerification.Waiting)
            throw new DomainException(Verification == DocumentVerification.Verified
                ? "This document has already been verified."
                : "This document has already been returned; the applicant will upload a new one.");
    }

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
