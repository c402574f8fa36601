using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EfaGateway.Transports.FitConnect.Metadata;

/// <summary>
/// The official FIT-Connect metadata schemas the gateway can write (1.0.0 embedded from the standards folder, 2.x from <c>schemas/fit-connect</c>, see its SOURCES.md)
/// and the check of a metadata document against the version it names, before it is encrypted and sent.
/// </summary>
public static class MetadataSchemas
{
    /// <summary>Newest first: a destination offering several versions gets the newest we support.</summary>
    public static readonly IReadOnlyList<string> SupportedVersions = ["2.1.0", "2.0.0", "1.0.0"];

    private static readonly Dictionary<string, JsonSchema> Schemas = SupportedVersions.ToDictionary(v => v, Load, StringComparer.Ordinal);

    public static string SchemaUri(string version) => $"https://schema.fitko.de/fit-connect/metadata/{version}/metadata.schema.json";

    /// <summary>The newest version both we and the destination support, or null.</summary>
    public static string? Choose(IReadOnlyList<string>? offered) =>
        SupportedVersions.FirstOrDefault(v => offered?.Contains(v, StringComparer.Ordinal) == true);

    /// <summary>The first problems of <paramref name="metadata"/> against the schema of <paramref name="version"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string version, JsonNode metadata)
    {
        var result = Schemas[version].Evaluate(JsonSerializer.SerializeToElement(metadata), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(3)];
    }

    private static JsonSchema Load(string version)
    {
        using var stream = typeof(MetadataSchemas).Assembly.GetManifestResourceStream($"Schemas.metadata.schema.v{version}.json")
            ?? throw new InvalidOperationException($"The metadata schema {version} is not embedded.");
        using var reader = new StreamReader(stream);
        // Each schema is built with its own registry: both share no $id, and the global registry must not learn them.
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
