using System.Runtime.CompilerServices;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;
using EfaGateway.TestSupport;
using Json.Schema;

namespace EfaGateway.Fim.Tests.Import;

/// <summary>Every real FIM export in the fixtures imports, validates, accepts a valid application, and reports what it did.</summary>
public sealed class SampleImportTests
{
    private static readonly Lazy<JsonSchema> DefinitionSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Fixtures.Repository, "schemas", "process-definition.schema.json"))));

    public static TheoryData<string> RealSchemas() => [.. SchemaFiles()];

    private static IEnumerable<string> SchemaFiles() =>
        Directory.GetFiles(Path.Combine(Fixtures.FimSamples, "xdf3"), "*.xml").Select(f => Path.GetFileName(f)).Order();

    internal static CodeListCatalog Catalog { get; } = CodeListCatalog.FromDirectory(Fixtures.CodeLists);

    internal static ImportResult Import(string file, MissingCodeListMode mode = MissingCodeListMode.Text)
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures.FimSamples, "xdf3", file));
        return XdfImporter.Import(XdfReader.Read(stream), new ImportOptions { CodeLists = Catalog, MissingCodeLists = mode });
    }

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public void Every_real_schema_imports_into_a_definition_that_the_definition_schema_accepts(string file)
    {
        var result = Import(file);

        using var json = JsonDocument.Parse(result.DefinitionJson);
        var evaluation = DefinitionSchema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("; ", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Values).Take(5)));
        Assert.Equal(result.Report.Fields, result.Definition.AllFields.Count());
        Assert.Equal(file.Split('_')[0], result.Definition.Fim!.SchemaId);
    }

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public void Every_imported_process_accepts_a_valid_application(string file)
    {
        var definition = Import(file).Definition;

        var (data, files) = ValidDataGenerator.For(definition);

        using var document = JsonDocument.Parse(data.ToJsonString());
        Assert.True(SubmissionValidator.Validate(definition, document.RootElement, files).IsValid);
    }

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public void The_import_report_matches_its_golden_file(string file)
    {
        var report = Import(file).Report.Format();

        Assert.Equal(GoldenReport(file, report), report);
    }

    [Fact]
    public void Only_the_schema_whose_lists_exist_in_no_version_needs_the_text_fallback()
    {
        var imported = SchemaFiles()
            .Where(file => file != "S05000001299_1.0.0_xdf3.xml")
            .Select(file => Import(file, MissingCodeListMode.Error));

        Assert.All(imported, result => Assert.DoesNotContain(result.Report.CodeLists, c => c.Outcome is null));
        var error = Assert.Throws<XdfImportException>(() => Import("S05000001299_1.0.0_xdf3.xml", MissingCodeListMode.Error));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Code list urn:xpersonenstand:schluesseltabelle:geschlecht 3 for F60000000332", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Code list urn:xoev-de:xunternehmen:codeliste:artniederlassung 1 for F60000000363", StringComparison.Ordinal));
    }

    private static string GoldenReport(string file, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "golden", file.Replace(".xml", ".report.txt", StringComparison.Ordinal));
        if (Environment.GetEnvironmentVariable("EFAGW_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Import", "golden", Path.GetFileName(path)));
    }
}
