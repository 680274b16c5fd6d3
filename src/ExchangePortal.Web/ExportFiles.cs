using System.Globalization;
using System.Reflection;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using MiniExcelLibs;

namespace ExchangePortal.Web;

/// <summary>Exports as downloads, CSV or Excel with the same columns, written from a stream of rows.</summary>
public static class ExportFiles
{
    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The first characters that make a spreadsheet read a cell as a formula (CsvHelper's own list).</summary>
    public const string FormulaStarts = "=@+-\t\r";

    /// <summary>What goes before such text so that it stays text: a spreadsheet shows it, never runs it.</summary>
    public const char FormulaEscape = '\'';

    /// <summary>Text that would run as a formula, escaped as <see cref="CsvAsync"/> escapes it.</summary>
    public static string FormulaSafe(string text) =>
        text.Length > 0 && FormulaStarts.Contains(text[0]) ? FormulaEscape + text : text;

    /// <summary>CSV written row by row straight to the response; text a spreadsheet would run as a formula is escaped.</summary>
    public static async Task<IActionResult> CsvAsync<T>(this PageModel page, string fileName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var response = page.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            InjectionCharacters = FormulaStarts,
            InjectionEscape = FormulaEscape,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        await using var csv = CsvWriter.Create(response.Body, options, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, ct);
        await csv.FlushAsync(ct);
        return new EmptyResult();
    }

    /// <summary>
    /// An xlsx workbook written as the rows arrive into a buffer that spills to a temporary file past 32 KB, then sent:
    /// MiniExcel ends the zip with synchronous writes, which the response stream refuses, so it cannot write there directly.
    /// Every cell is a value, never a formula, and text that would run as one if typed again is escaped as in the CSV, so
    /// both files hold the same text.
    /// </summary>
    public static async Task<IActionResult> ExcelAsync<T>(this PageModel page, string fileName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        await using var buffer = new FileBufferingWriteStream();
        await buffer.SaveAsAsync(rows.Select(ExcelRow<T>.Of), excelType: ExcelType.XLSX, cancellationToken: ct);
        var response = page.Response;
        response.ContentType = ExcelContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.xlsx\"";
        await buffer.DrainBufferAsync(response.Body, ct);
        return new EmptyResult();
    }

    /// <summary>A row's columns (its public properties, in order) with its text made formula-safe.</summary>
    private static class ExcelRow<T>
    {
        private static readonly PropertyInfo[] Columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken).ToArray();

        public static Dictionary<string, object?> Of(T row)
        {
            var cells = new Dictionary<string, object?>(Columns.Length);
            foreach (var column in Columns)
            {
                var value = column.GetValue(row);
                cells[column.Name] = value is string text ? FormulaSafe(text) : value;
            }
            return cells;
        }
    }
}
