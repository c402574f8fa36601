using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Mappers.FimJson;

/// <summary>
/// The application's data as JSON keyed by element id (FIM ids for imported processes), files as attachment
/// references, checked against the schema generated from the process definition before it is handed out.
/// </summary>
public sealed class FimJsonMapper : IMapper
{
    public const string MapperId = "fim-json";
    private const int ReportedErrors = 3;

    private static readonly JsonSerializerOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One compiled schema per process version (definitions of a version never change).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);

    public string Id => MapperId;

    public string MediaType => "application/json";

    public string FileExtension => "json";

    public Task<MappingResult> MapAsync(MappingInput input, CancellationToken cancellationToken)
    {
        var process = input.TenantProcess.Process;
        if (JsonNode.Parse(input.Submission.DataJson ?? "{}") is not JsonObject data)
        {
            return Task.FromResult(MappingResult.Failure("The submission data is not a JSON object."));
        }

        foreach (var attachment in input.Submission.Attachments)
        {
            if (ParentOf(data, attachment.FieldId) is not { } parent)
            {
                return Task.FromResult(MappingResult.Failure($"Attachment field '{attachment.FieldId}' has no place in the data."));
            }

            var id = FormPath.Segments(attachment.FieldId).Last().Id;
            var list = parent[id] as JsonArray ?? (JsonArray)(parent[id] = new JsonArray());
            var reference = new JsonObject
            {
                ["id"] = attachment.Id.ToString("D", CultureInfo.InvariantCulture),
                ["mediaType"] = attachment.MediaType,
                ["size"] = attachment.Size,
                ["sha256"] = attachment.Sha256.ToLowerInvariant(),
            };
            if (attachment.FileName is { } name)
            {
                reference["fileName"] = name;
            }

            list.Add(reference);
        }

        var schema = schemas.GetOrAdd($"{process.Id}\n{process.Version}", _ =>
        {
            // Evaluated without its $id: the validator's registry refuses a second schema under an address it knows.
            var generated = FimJsonSchema.Generate(process);
            generated.Remove("$id");
            return JsonSchema.FromText(generated.ToJsonString());
        });
        using var document = JsonDocument.Parse(data.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}"))
                .Take(ReportedErrors);
            return Task.FromResult(MappingResult.Failure("The data does not match its schema: " + string.Join("; ", errors)));
        }

        return Task.FromResult(MappingResult.Success(JsonSerializer.SerializeToUtf8Bytes(data, Output)));
    }

    /// <summary>The object that holds the path's last segment, with non-repeating groups created on the way.</summary>
    private static JsonObject? ParentOf(JsonObject data, string path)
    {
        var current = data;
        foreach (var (id, index) in FormPath.Segments(path).SkipLast(1))
        {
            if (index is { } i)
            {
                if (current[id] is not JsonArray array || i >= array.Count || array[i] is not JsonObject item)
                {
                    return null;
                }

                current = item;
            }
            else
            {
                current = current[id] as JsonObject ?? (JsonObject)(current[id] = new JsonObject());
            }
        }

        return current;
    }
}

public static class FimJsonServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FimJsonMapper"/> as the keyed <see cref="IMapper"/> "fim-json".</summary>
    public static IServiceCollection AddFimJsonMapper(this IServiceCollection services) =>
        services.AddKeyedSingleton<IMapper, FimJsonMapper>(FimJsonMapper.MapperId);
}
