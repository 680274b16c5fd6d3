using System.Buffers;

namespace ExchangePortal.Core;

/// <summary>
/// What every value a person sends must respect before any rule or the database sees it: text without control characters
/// (PostgreSQL's text cannot hold NUL), dates within a range the programme's arithmetic and calendars can handle, file names
/// that fit their column, page numbers whose offset fits an int. The web layer checks them once, at the edge (docs/security.md).
/// </summary>
public static class InputLimits
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>The length of the documents' FileName column.</summary>
    public const int MaxFileNameLength = 255;

    // C0 control characters except tab, line feed and carriage return, which text areas legitimately send.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c).ToArray());

    /// <summary>True when the text holds a C0 control character other than tab, line feed or carriage return.</summary>
    public static bool HasControlCharacter(string? text) => text is not null && text.AsSpan().ContainsAny(ControlCharacters);

    public static bool IsSaneDate(DateOnly date) => date >= EarliestDate && date <= LatestDate;
}

/// <summary>Page numbers as people type them (0, -5, 2147483647) made into a page whose offset is a valid, non-negative int.</summary>
public static class Paging
{
    /// <summary>The page to read: at least 1, at most the last page whose first row's offset still fits an int.</summary>
    public static int Clamp(int page, int pageSize) => Math.Clamp(page, 1, int.MaxValue / pageSize);

    /// <summary>The number of rows before the (clamped) page.</summary>
    public static int Offset(int page, int pageSize) => (Clamp(page, pageSize) - 1) * pageSize;
}
