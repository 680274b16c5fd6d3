using System.Globalization;
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

    /// <summary>CSV written row by row straight to the response; text a spreadsheet would run as a formula is escaped.</summary>
    public static async Task<IActionResult> CsvAsync<T>(this PageModel page, string fileName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var response = page.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(response.Body, options, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, ct);
        await csv.FlushAsync(ct);
        return new EmptyResult();
    }

    /// <summary>
    /// An xlsx workbook written as the rows arrive into a buffer that spills to a temporary file past 32 KB, then sent:
    /// MiniExcel ends the zip with synchronous writes, which the response stream refuses, so it cannot write there directly.
    /// </summary>
    public static async Task<IActionResult> ExcelAsync<T>(this PageModel page, string fileName, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        await using var buffer = new FileBufferingWriteStream();
        await buffer.SaveAsAsync(rows, excelType: ExcelType.XLSX, cancellationToken: ct);
        var response = page.Response;
        response.ContentType = ExcelContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.xlsx\"";
        await buffer.DrainBufferAsync(response.Body, ct);
        return new EmptyResult();
    }
}
