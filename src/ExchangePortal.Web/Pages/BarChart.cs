namespace ExchangePortal.Web.Pages;

/// <summary>
/// A horizontal bar chart drawn as SVG by the _BarChart partial, with the same figures as a table beside it.
/// One bar per series in each row; <see cref="OfHeader"/> set draws each row's <see cref="BarChartRow.Of"/> as a track behind
/// the first bar (seats taken of seats).
/// </summary>
/// <param name="Id">Unique on the page; prefixes the ids of the chart's elements.</param>
/// <param name="Title">What the chart shows, in the reader's language: the SVG's title and the table's caption.</param>
/// <param name="LabelHeader">The table's header over the row labels.</param>
/// <param name="Series">The name of each value in a row, in the reader's language.</param>
public sealed record BarChart(string Id, string Title, string LabelHeader, IReadOnlyList<string> Series, IReadOnlyList<BarChartRow> Rows,
    string? OfHeader = null, bool LabelsBeside = false)
{
    public const int Width = 360;
    public const int LabelHeight = 16;
    public const int BarHeight = 11;
    public const int BarGap = 2;
    public const int RowGap = 8;

    /// <summary>Short labels (dates) stand in a column left of the bars; long ones (lab names) above them.</summary>
    public int LabelWidth => LabelsBeside ? 92 : 0;

    /// <summary>Room right of the longest bar for its figure ("12 of 14").</summary>
    public int BarArea => Width - LabelWidth - 56;

    public int RowHeight => (LabelsBeside ? 0 : LabelHeight) + Series.Count * (BarHeight + BarGap) + RowGap;

    public int BarTop(int row, int series) => row * RowHeight + (LabelsBeside ? 0 : LabelHeight) + series * (BarHeight + BarGap);

    public int LabelBaseline(int row) => LabelsBeside ? BarTop(row, 0) + BarHeight - 1 : row * RowHeight + LabelHeight - 4;

    public int Height => Math.Max(1, Rows.Count) * RowHeight;

    /// <summary>The largest figure drawn, so that the longest bar fills the bar area.</summary>
    public decimal Scale => Math.Max(1, Rows.SelectMany(r => r.Of is { } of ? r.Values.Append(of) : r.Values).DefaultIfEmpty(0).Max());

    public double Length(decimal value) => value <= 0 ? 0 : Math.Max(1, Math.Round((double)value * BarArea / (double)Scale, 1));
}

/// <summary>One row of bars: counts, or averages (scores to two decimals), drawn to the chart's one scale.</summary>
public sealed record BarChartRow(string Label, IReadOnlyList<decimal> Values, decimal? Of = null);
