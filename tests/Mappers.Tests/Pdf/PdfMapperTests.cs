using System.Text.RegularExpressions;
using EfaGateway.Core.Ports;
using EfaGateway.Mappers.Pdf;
using EfaGateway.Mappers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Mappers.Tests.Pdf;

public sealed partial class PdfMapperTests
{
    private static readonly string[] SectionsInOrder =
        ["Halterin oder Halter", "Angaben zum Hund", "Nachweise", "Abschluss", "Anlagen Impfpass Müller.pdf application/pdf, 245,8 KB"];

    private readonly PdfMapper mapper = new();

    [Fact]
    public async Task The_summary_shows_header_vorgangsnummer_and_the_receipt_time_in_german_local_time()
    {
        var text = await Render(SampleApplication.Input());

        Assert.StartsWith("Stadt Musterstadt – Bürgerbüro Anmeldung zur Hundesteuer", text.Pages[0], StringComparison.Ordinal);
        Assert.Contains("Vorgangsnummer 2026-7K3M-Q9TX", text.All, StringComparison.Ordinal);
        // 10:00 UTC in November is 11:00 in Berlin (CET).
        Assert.Contains("Eingegangen am 26.11.2026, 11:00 Uhr", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summer_time_is_taken_into_account()
    {
        var submission = new Core.Submissions.Submission(SampleApplication.SubmissionId, SampleApplication.Vorgangsnummer, "musterstadt",
            "hundesteuer-anmeldung", "1.2", SampleApplication.Data().ToJsonString(), new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero), []);

        var text = await Render(SampleApplication.Input(submission));

        Assert.Contains("Eingegangen am 02.07.2026, 00:30 Uhr", text.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anrede Herr")]
    [InlineData("Vor- und Nachname Jürgen Groß-Äußerle")]
    [InlineData("Geburtsdatum 09.03.1975")]
    [InlineData("Straße und Hausnummer Müllerstraße 5 & 7, <Hinterhaus> \"links\"")]
    [InlineData("Rasse Dackel")]
    [InlineData("Anzahl der Hunde im Haushalt 2")]
    [InlineData("Gewicht in kg 9,5")]
    [InlineData("Gefährlicher Hund (Listenhund) Nein")]
    [InlineData("Beginn der Haltung 01.10.2026")]
    [InlineData("Futterkosten pro Jahr in Euro 12.345,5")]
    [InlineData("Impfpass (PDF) Impfpass Müller.pdf")]
    [InlineData("Ich versichere die Richtigkeit meiner Angaben. Ja")]
    public async Task Every_filled_in_field_shows_its_label_and_formatted_value(string expected)
    {
        var text = await Render(SampleApplication.Input());

        Assert.Contains(expected, text.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telefon (freiwillig) —")]
    [InlineData("Haftpflichtnachweis —")]
    [InlineData("Bemerkungen —")]
    public async Task A_field_not_filled_in_keeps_its_label_and_shows_a_dash(string expected)
    {
        var text = await Render(SampleApplication.Input());

        Assert.Contains(expected, text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_section_title_and_the_attachment_list_appear_in_order()
    {
        var text = (await Render(SampleApplication.Input())).All;

        var positions = SectionsInOrder.Select(s => text.IndexOf(s, StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Groups_and_each_instance_of_a_repeating_group_are_shown_with_their_values()
    {
        var text = await Render(NestedApplication.Input());

        Assert.Contains("Antragstellende Person Familienname Łukasiewicz Anschrift Straße Lindenweg 3 Postleitzahl 01067", text.All, StringComparison.Ordinal);
        Assert.Contains("Kinder im Haushalt (1) Vorname Ida Haushaltsbescheinigung ida.pdf", text.All, StringComparison.Ordinal);
        Assert.Contains("Kinder im Haushalt (2) Vorname Ole Haushaltsbescheinigung ole.pdf", text.All, StringComparison.Ordinal);
        Assert.Contains("Betreuungsbeginn 04.01.2027, 07:30 Uhr", text.All, StringComparison.Ordinal);
        Assert.Contains("Tägliche Betreuung ab 07:30 Uhr", text.All, StringComparison.Ordinal);
        Assert.Contains("Monatlicher Beitrag 1.234,50 €", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_value_is_wrapped_and_nothing_of_it_is_lost()
    {
        var data = SampleApplication.Data();
        var longText = string.Join(" ", Enumerable.Range(1, 400).Select(i => $"Wort{i}"));
        data["anschrift"] = longText + " DE89370400440532013000DE89370400440532013000DE89370400440532013000";
        var input = SampleApplication.Input(SampleApplication.Submission(data));

        var text = await Render(input);

        var words = text.All.Split(' ');
        Assert.All(Enumerable.Range(1, 400), i => Assert.Contains($"Wort{i}", words));
        // The unbreakable IBAN-like run is cut into pieces that fit the column; together they are the whole run.
        Assert.Contains("DE89370400440532013000DE89370400440532013000DE89370400440532013000", text.All.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_the_font_lacks_do_not_break_rendering()
    {
        var data = SampleApplication.Data();
        data["rasse"] = "Shiba 柴犬 🐕 Ελληνικά";

        var text = await Render(SampleApplication.Input(SampleApplication.Submission(data)));

        Assert.Contains("Ελληνικά", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_fields_flow_over_several_numbered_pages()
    {
        var (input, fields) = SampleApplication.Large(200);

        var text = await Render(input);

        var pages = text.Pages.Count;
        Assert.True(pages >= 4, $"expected several pages, got {pages}");
        Assert.Contains($"Seite 1 von {pages}", text.Pages[0], StringComparison.Ordinal);
        Assert.Contains($"Seite {pages} von {pages}", text.Pages[^1], StringComparison.Ordinal);
        Assert.All(fields, f => Assert.Contains($"{f.Label} {f.Value}", text.All, StringComparison.Ordinal));
        Assert.All(text.Pages, p => Assert.Single(PageNumberPattern().Matches(p)));
    }

    [Fact]
    public async Task Rendering_the_same_submission_twice_gives_the_same_text()
    {
        var first = await Render(SampleApplication.Input());
        var second = await Render(SampleApplication.Input());

        Assert.Equal(first.Pages, second.Pages);
    }

    [Fact]
    public async Task Document_info_comes_from_the_submission_not_the_clock()
    {
        var text = await Render(SampleApplication.Input());

        Assert.Equal("Anmeldung zur Hundesteuer – 2026-7K3M-Q9TX", text.Title);
        Assert.Equal("EfaGateway", text.Creator);
        Assert.StartsWith("D:20261126100000", text.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purged_submission_cannot_be_rendered()
    {
        var submission = SampleApplication.Submission();
        submission.PurgePersonalData(SampleApplication.ReceivedAt.AddDays(90));

        var result = await mapper.MapAsync(SampleApplication.Input(submission), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("purged", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_in_parallel_all_succeed()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => mapper.MapAsync(SampleApplication.Input(), TestContext.Current.CancellationToken))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
    }

    [Fact]
    public void Warm_up_renders_without_error()
    {
        var elapsed = PdfMapper.WarmUp();

        Assert.True(elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void The_mapper_registers_as_a_keyed_imapper_under_its_id()
    {
        using var provider = new ServiceCollection().AddPdfMapper().BuildServiceProvider();

        var mapper = provider.GetRequiredKeyedService<IMapper>("pdf");

        Assert.IsType<PdfMapper>(mapper);
        Assert.Equal(("application/pdf", "pdf"), (mapper.MediaType, mapper.FileExtension));
    }

    private async Task<PdfText> Render(MappingInput input)
    {
        var result = await mapper.MapAsync(input, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(result.Content!, 0, 5), StringComparison.Ordinal);
        return PdfText.Read(result.Content!);
    }

    [GeneratedRegex(@"Seite \d+ von \d+")]
    private static partial Regex PageNumberPattern();
}
