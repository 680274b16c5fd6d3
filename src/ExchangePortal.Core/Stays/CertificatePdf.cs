using System.Buffers.Binary;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace ExchangePortal.Core.Stays;

/// <summary>Where the certificate's font is (Certificates:FontPath): a TrueType font, or a collection (.ttc) whose first
/// face is used, with Latin and CJK glyphs, since PDFsharp embeds TrueType outlines only (not OpenType/CFF).</summary>
public sealed class CertificateOptions
{
    public const string DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    public string FontPath { get; set; } = DefaultFontPath;
}

/// <summary>The certificate of completion as a one-page A4 PDF in English and Chinese, the font embedded (PDFsharp 6.2.4, MIT).</summary>
internal static class CertificatePdf
{
    private const string Family = "Certificate";
    private static readonly Lock FontLock = new();

    public static byte[] Render(CertificateFacts facts, string code, string verifyLink, string fontPath)
    {
        UseFont(fontPath);
        var document = new PdfDocument();
        document.Info.Title = $"Certificate of completion - {facts.DoctorName}";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var (title, large, body, small) = (new XFont(Family, 26), new XFont(Family, 20), new XFont(Family, 12), new XFont(Family, 10));
            var (from, to) = (facts.StartsOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                facts.EndsOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
            var y = 110.0;
            void Line(string text, XFont font, double gap)
            {
                g.DrawString(text, font, XBrushes.Black, new XRect(40, y, page.Width.Point - 80, gap), XStringFormats.TopCenter);
                y += gap;
            }
            Line("Certificate of Completion", title, 40);
            Line("结业证书", title, 60);
            Line("This certifies that", body, 30);
            Line(facts.DoctorName, large, 30);
            if (!string.IsNullOrWhiteSpace(facts.DoctorChineseName))
                Line(facts.DoctorChineseName, large, 30);
            Line($"of {facts.Hospital}", body, 24);
            Line($"completed an academic exchange in {facts.Lab}, {facts.University},", body, 20);
            Line($"from {from} to {to}.", body, 50);
            Line($"兹证明{facts.Hospital}的{ChineseName(facts)}", body, 20);
            Line($"于{facts.StartsOn:yyyy年M月d日}至{facts.EndsOn:yyyy年M月d日}在{facts.University}{facts.Lab}", body, 20);
            Line("完成学术交流。", body, 80);
            Line($"Verification code / 验证码: {code}", body, 22);
            Line($"Verify / 验证: {verifyLink}", small, 20);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static string ChineseName(CertificateFacts facts) =>
        string.IsNullOrWhiteSpace(facts.DoctorChineseName) ? facts.DoctorName : facts.DoctorChineseName;

    // PDFsharp's font resolver is one per process; the first configured path wins (every instance of a deployment has the same).
    private static void UseFont(string fontPath)
    {
        lock (FontLock)
            GlobalFontSettings.FontResolver ??= new FileFontResolver(fontPath);
    }

    private sealed class FileFontResolver(string path) : IFontResolver
    {
        private readonly Lazy<byte[]> _face = new(() => FirstFace(File.ReadAllBytes(path)));

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

        public byte[] GetFont(string faceName) => _face.Value;
    }

    /// <summary>A TrueType collection's first face as a TrueType file (same tables, offsets from the new start); PDFsharp reads
    /// single fonts only. Anything else is returned as it is.</summary>
    internal static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366) // "ttcf"
            return file;
        var face = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12)));
        var count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var header = 12 + 16 * count;
        var tables = Enumerable.Range(0, count).Select(i => face + 12 + 16 * i)
            .Select(r => (Offset: checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8))),
                Length: checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12)))))
            .ToList();
        var output = new byte[header + tables.Sum(t => (t.Length + 3) & ~3)];
        file.AsSpan(face, header).CopyTo(output);
        var at = header;
        for (var i = 0; i < tables.Count; i++)
        {
            file.AsSpan(tables[i].Offset, tables[i].Length).CopyTo(output.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (tables[i].Length + 3) & ~3;
        }
        return output;
    }
}
