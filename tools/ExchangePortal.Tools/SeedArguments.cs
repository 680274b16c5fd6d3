namespace ExchangePortal.Tools;

/// <summary>The arguments of the <c>seed</c> verb: <c>seed [--applications N]</c> (1,000 by default).</summary>
public static class SeedArguments
{
    public const int DefaultApplications = 1000;

    public static int Applications(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--applications" && i + 1 < args.Length && int.TryParse(args[i + 1], out var count) && count > 0)
                return count;
            if (args[i].StartsWith("--applications=", StringComparison.Ordinal) && int.TryParse(args[i]["--applications=".Length..], out count) && count > 0)
                return count;
        }
        if (args.Length > 1)
            throw new ArgumentException("Usage: ExchangePortal.Tools seed [--applications N] (N > 0)");
        return DefaultApplications;
    }
}
