using System.Globalization;

namespace ExchangePortal.IntegrationTests.Fuzz;

/// <summary>One hostile change to one field: the values sent in its place (none: the field is left out).</summary>
public sealed record Mutation(string Name, Func<FieldSpec, bool> Fits, Func<FieldSpec, string, IReadOnlyList<string>> Values);

/// <summary>The mutation table, and which of its rows each field gets.</summary>
public static class Mutations
{
    private static readonly Func<FieldSpec, bool> Any = _ => true;
    private static readonly Func<FieldSpec, bool> NotRoute = f => f.Source != FieldSource.Route;

    public static readonly IReadOnlyList<Mutation> All =
    [
        // Not in a path: servers refuse %00 there before the portal sees it (the test client even refuses to send it).
        new("nul", NotRoute, (_, _) => ["a\0b"]),
        new("5000-chars", Any, (_, _) => [new string('x', 5000)]),
        new("rtl", Any, (_, _) => ["\u202Eمرحبا بالعالم\u202C"]),
        new("emoji", Any, (_, _) => ["👩🏽‍⚕️🏥🧬"]),
        new("minus-one", Any, (_, _) => ["-1"]),
        new("int-overflow", Any, (_, _) => ["2147483648"]),
        new("0001-01-01", Any, (_, _) => ["0001-01-01"]),
        new("9999-12-31", Any, (_, _) => ["9999-12-31"]),
        new("bogus-option", Any, (_, _) => ["Bogus"]),
        new("not-boolean", f => f.Type is "checkbox" or "radio" || IsBoolean(f.Candidate), (_, _) => ["maybe"]),
        new("missing", NotRoute, (_, _) => []),
        new("duplicated", NotRoute, (_, value) => [value, value]),
        new("wrong-version", f => f.Name.EndsWith("Version", StringComparison.OrdinalIgnoreCase),
            (_, value) => [value == "1" ? "2" : "1"]),
    ];

    /// <summary>The rows that matter most for each kind of field: always tried, even when the rest is sampled.</summary>
    private static string[] Priority(FieldSpec field) => field.Type switch
    {
        _ when field.Name.EndsWith("Version", StringComparison.OrdinalIgnoreCase) => ["wrong-version", "nul", "int-overflow"],
        "date" or "datetime-local" or "month" or "time" => ["0001-01-01", "9999-12-31", "nul"],
        "number" or "range" => ["int-overflow", "minus-one", "nul"],
        "select" or "radio" => ["bogus-option", "int-overflow", "nul"],
        "checkbox" => ["not-boolean", "missing", "nul"],
        "file" => ["5000-chars", "nul", "missing"],
        "route" => ["int-overflow", "minus-one", "5000-chars"],
        "query" or "hidden" or "submit" => ["bogus-option", "nul", "int-overflow"],
        _ => ["nul", "5000-chars", "emoji"],
    };

    /// <summary>
    /// Every fitting row when <paramref name="all"/>; otherwise the field's priority rows plus <paramref name="extra"/> more
    /// drawn with a random generator seeded from the field and <paramref name="seed"/>, so a run is repeatable.
    /// </summary>
    public static IEnumerable<Mutation> For(FormSpec form, FieldSpec field, bool all, int extra, int seed)
    {
        var fitting = All.Where(m => m.Fits(field)).ToList();
        if (all)
            return fitting;
        var first = Priority(field);
        var random = new Random(StableHash($"{form.Shape}|{field.Name}") ^ seed);
        var rest = fitting.Where(m => !first.Contains(m.Name)).OrderBy(_ => random.Next()).Take(extra);
        return fitting.Where(m => first.Contains(m.Name)).Concat(rest);
    }

    /// <summary>A plausible value for an empty field, so that one mutated field is the only thing wrong with a form.</summary>
    public static string Plausible(FieldSpec field, int dateIndex)
    {
        var date = DateTime.UtcNow.Date.AddDays(30 * (dateIndex + 1));
        var value = field.Type switch
        {
            "email" => "fuzz@example.com",
            "password" => "Fuzz-Password-2026!",
            "date" => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "datetime-local" => date.ToString("yyyy-MM-ddT09:00", CultureInfo.InvariantCulture),
            "number" or "range" => "1",
            "tel" => "+852 2345 6789",
            "url" => "https://example.org/",
            "select" => field.Candidate,
            "text" or "textarea" or "search" or "" => "Fuzz test text",
            _ => "",
        };
        return field.MaxLength is { } max && value.Length > max ? value[..max] : value;
    }

    private static bool IsBoolean(string value) => value is "true" or "false" or "True" or "False";

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
                hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
