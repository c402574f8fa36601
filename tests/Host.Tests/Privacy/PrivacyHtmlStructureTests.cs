using AngleSharp.Html.Parser;
using EfaGateway.Host.Privacy;
using UglyToad.PdfPig;

namespace EfaGateway.Host.Tests.Privacy;

/// <summary>The generator on its own: escaping of operator input, accessible and well-formed structure, field details.</summary>
public sealed class PrivacyHtmlStructureTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 26);

    private static string Html() =>
        PrivacyHtmlWriter.Write(PrivacyDocumentBuilder.Build(PrivacyTestProcesses.Hostile(), new ResolvedPrivacy(), AsOf));

    [Fact]
    public void Operator_input_is_escaped_everywhere_and_reads_back_as_the_text_it_was()
    {
        var html = Html();
        var document = new HtmlParser().ParseDocument(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Name&quot;", html, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, img, b, iframe, object"));
        Assert.Contains(document.QuerySelectorAll("tbody th"), th => th.TextContent == PrivacyTestProcesses.HostileLabel);
        Assert.Equal("Datenschutzdokumentation: Antrag </title><script>alert(1)</script> – Musterstadt <b>Amt</b>", document.Title);
    }

    [Fact]
    public void The_html_is_a_standalone_accessible_document()
    {
        var html = Html();
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });

        // Strict mode throws on any parse error: the file is well-formed HTML.
        var document = parser.ParseDocument(html);

        Assert.Equal("de", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("utf-8", document.CharacterSet, ignoreCase: true);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Single(document.QuerySelectorAll("main"));
        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading level jumps from h{levels[i - 1]} to h{levels[i]}.");
        }

        var tables = document.QuerySelectorAll("table");
        Assert.True(tables.Length >= 5, "fields, recipients, processors, retention and contact tables");
        foreach (var table in tables)
        {
            Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")?.TextContent), "Every table has a caption.");
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            Assert.All(table.QuerySelectorAll("tbody tr"), tr =>
            {
                Assert.Equal("th", tr.FirstElementChild!.LocalName);
                Assert.Equal("row", tr.FirstElementChild.GetAttribute("scope"));
                Assert.Equal(table.QuerySelectorAll("thead th").Length, tr.Children.Length);
            });
        }

        // Editable and self-contained: nothing runs, nothing is loaded from elsewhere.
        Assert.Empty(document.QuerySelectorAll("script, link, iframe, object, embed, img, form"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name is "src" or "href"));
    }

    [Fact]
    public void Fields_are_described_with_type_obligation_condition_groups_and_uploads()
    {
        var document = new HtmlParser().ParseDocument(Html());
        var rows = document.QuerySelectorAll("table").First(t => t.QuerySelector("caption")!.TextContent.StartsWith("Abschnitt", StringComparison.Ordinal))
            .QuerySelectorAll("tbody tr").ToDictionary(r => r.Children[0].TextContent, r => r.Children.Skip(1).Select(c => c.TextContent).ToList());

        Assert.DoesNotContain("Nur ein Hinweistext", rows.Keys);
        Assert.Equal(["Text", "Pflichtangabe", "immer"], rows[PrivacyTestProcesses.HostileLabel]);
        Assert.Equal(["Auswahl aus 2 Werten", "freiwillig", "immer"], rows["Art"]);
        Assert.Equal(["Text", "freiwillig", "nur wenn „Art“ „Zweite“ ist"], rows["Grund"]);
        Assert.Equal(["Text; mehrfach möglich (bis zu 5-mal)", "Pflichtangabe, wenn die Gruppe angegeben wird", "immer"], rows["Kinder › Vorname des Kindes"]);
        Assert.Equal("Datei-Upload (PDF, PNG, höchstens 10 MB), vor der Annahme auf Schadsoftware geprüft", rows["Nachweis"][0]);
        Assert.Contains("Leistungsschlüssel 99108008000000", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("60 Tage nach der Bereitstellung im Postkorb gelöscht", document.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stand: 26.11.2026", document.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_of_the_hostile_process_keeps_umlauts_and_the_text_as_written()
    {
        var bytes = PrivacyPdfWriter.Write(PrivacyDocumentBuilder.Build(PrivacyTestProcesses.Hostile(), new ResolvedPrivacy(), AsOf));

        using var pdf = PdfDocument.Open(bytes);
        var text = PrivacyDocumentationApiTests.Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));

        Assert.Contains(PrivacyDocumentationApiTests.Squeeze(PrivacyTestProcesses.HostileLabel), text, StringComparison.Ordinal);
        Assert.Contains("Löschfristen", text, StringComparison.Ordinal);
        Assert.Contains("Übermittlung", text, StringComparison.Ordinal);
        Assert.Contains("[bitteergänzen]", text, StringComparison.Ordinal);
        Assert.Contains(PrivacyDocumentationApiTests.Squeeze("Kinder › Vorname des Kindes"), text, StringComparison.Ordinal);
    }
}
