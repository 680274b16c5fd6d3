using Microsoft.EntityFrameworkCore;

namespace ExchangePortal.Tools;

/// <summary>
/// The table of the benchmark baseline page (/bench/fortunes): the 12 standard TechEmpower fortunes. Not part of the
/// portal's model; created here, idempotently, whenever a benchmark database is seeded.
/// </summary>
public static class FortunesTable
{
    public static readonly IReadOnlyList<string> Messages =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];

    public static async Task CreateAsync(DbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE IF NOT EXISTS "Fortunes" ("Id" integer PRIMARY KEY, "Message" character varying(2048) NOT NULL)
            """, ct);
        var ids = Enumerable.Range(1, Messages.Count).ToArray();
        var messages = Messages.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Fortunes" ("Id", "Message") SELECT * FROM unnest({ids}, {messages}) ON CONFLICT ("Id") DO NOTHING
            """, ct);
    }
}
