using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Support;
using Json.Schema;

namespace EfaGateway.Host.Tests.Api;

/// <summary>The shipped samples follow the project's own JSON Schemas and parse as definitions.</summary>
public sealed class SampleSchemaTests
{
    // JsonSchema.Net keeps a global registry keyed by $id: load each schema once per test run.
    private static readonly Dictionary<string, JsonSchema> Schemas = new[] { "process-definition.schema.json", "tenant.schema.json" }
        .ToDictionary(name => name, name => JsonSchema.FromFile(Path.Combine(RepositoryRoot.Path, "schemas", name)));

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "samples", "processes"), "*.json"))
        {
            data.Add(file, "process-definition.schema.json");
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "samples", "tenants"), "*.json"))
        {
            data.Add(file, "tenant.schema.json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_is_valid_against_its_schema(string file, string schemaName)
    {
        var schema = Schemas[schemaName];

        var result = schema.Evaluate(JsonDocument.Parse(File.ReadAllText(file)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        if (schemaName == "process-definition.schema.json")
        {
            Assert.NotNull(ProcessDefinitionJson.Parse(File.ReadAllText(file)));
        }
    }

    [Fact]
    public void The_process_schema_refuses_a_select_without_options()
    {
        var schema = Schemas["process-definition.schema.json"];
        var bad = JsonDocument.Parse("""{ "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [ { "id": "a", "label": { "de": "A" }, "type": "select" } ] } ] }""").RootElement;

        Assert.False(schema.Evaluate(bad).IsValid);
    }
}
