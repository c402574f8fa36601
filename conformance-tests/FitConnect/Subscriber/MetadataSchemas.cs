using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace EfaGateway.Conformance.FitConnect.Subscriber;

/// <summary>
/// The official metadata schemas bundled with the kit (1.0.0 from the standards folder, 2.x from schemas/fit-connect, see its SOURCES.md) and the choice among them by an instance's
/// <c>$schema</c>. JsonSchema.Net keeps a global registry keyed by <c>$id</c>, so each schema is loaded once.
/// </summary>
public static partial class MetadataSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Bundled = new(() =>
        new Dictionary<string, JsonSchema>(StringComparer.Ordinal)
        {
            ["1.0.0"] = Load("metadata.schema.v1.0.0.json"),
            ["2.0.0"] = Load("metadata.schema.v2.0.0.json"),
            ["2.1.0"] = Load("metadata.schema.v2.1.0.json"),
        });

    public static IReadOnlyCollection<string> BundledVersions => Bundled.Value.Keys.ToList();

    /// <summary>
    /// The metadata version an instance claims: from <c>$schema</c>, or 1.0.0 when absent (1.0.0 had no
    /// <c>$schema</c> property; it arrived in 1.1.0). Null if <c>$schema</c> is not a FIT-Connect metadata schema URI.
    /// </summary>
    public static string? ClaimedVersion(JsonElement metadata)
    {
        if (!metadata.TryGetProperty("$schema", out var schema))
        {
            return "1.0.0";
        }

        var match = schema.ValueKind == JsonValueKind.String ? SchemaUri().Match(schema.GetString()!) : Match.Empty;
        return match.Success ? match.Groups["version"].Value : null;
    }

    /// <summary>
    /// The bundled schema that validates <paramref name="version"/>: the exact one, or for another 2.x the 2.1.0
    /// schema, whose <c>$schema</c> pattern admits every 2.x instance. <paramref name="usedVersion"/> says which.
    /// </summary>
    public static JsonSchema? For(string version, out string? usedVersion)
    {
        usedVersion = Bundled.Value.ContainsKey(version) ? version : version.StartsWith("2.", StringComparison.Ordinal) ? "2.1.0" : null;
        return usedVersion is null ? null : Bundled.Value[usedVersion];
    }

    /// <summary>Validates with format assertions on (uuid, email, uri, date …), as FITKO's validators do.</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonElement instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))];
    }

    private static JsonSchema Load(string fileName)
    {
        using var stream = typeof(MetadataSchemas).Assembly.GetManifestResourceStream($"Schemas.{fileName}")
                           ?? throw new InvalidOperationException($"Embedded schema {fileName} is missing.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }

    [GeneratedRegex(@"^https://schema\.fitko\.de/fit-connect/metadata/(?<version>\d+\.\d+\.\d+)/metadata\.schema\.json$")]
    private static partial Regex SchemaUri();
}
