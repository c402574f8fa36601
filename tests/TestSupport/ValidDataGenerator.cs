using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.TestSupport;

/// <summary>
/// Builds the smallest valid application for any process definition, the way a careful citizen would: it fills what
/// the validator asks for, round by round, until nothing is missing. Used to prove imported FIM processes accept data.
/// </summary>
public static class ValidDataGenerator
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static readonly string[] TextCandidates = ["Muster", "01067", "max.mustermann@example.org", "A", "1", "Musterstraße 1"];

    public static (JsonObject Data, List<IncomingAttachment> Files) For(ProcessDefinition process)
    {
        var data = new JsonObject();
        var files = new List<IncomingAttachment>();
        for (var round = 0; round < 100; round++)
        {
            using var document = JsonDocument.Parse(data.ToJsonString());
            var result = SubmissionValidator.Validate(process, document.RootElement, files);
            if (result.IsValid)
            {
                return (data, files);
            }

            foreach (var error in result.Errors)
            {
                Fix(process, data, files, error);
            }
        }

        throw new InvalidOperationException($"No valid data found for {process.Id}.");
    }

    private static void Fix(ProcessDefinition process, JsonObject data, List<IncomingAttachment> files, FieldError error)
    {
        var element = process.FindElement(error.Field) ?? throw new InvalidOperationException($"Unknown path {error.Field}: {error.Code}");
        switch (element, error.Code)
        {
            case (GroupDefinition group, FieldErrorCode.TooFewEntries):
                var array = Container(data, error.Field, createArrayAtEnd: true) as JsonArray;
                while (array!.Count < int.Parse(error.Limit!, CultureInfo.InvariantCulture))
                {
                    array.Add(new JsonObject());
                }

                break;
            case (FieldDefinition { Type: FieldType.File } file, _):
                var pdf = file.MediaTypes.Count == 0 || file.MediaTypes.Contains("application/pdf");
                files.Add(new IncomingAttachment(error.Field, pdf ? "nachweis.pdf" : "nachweis.png", pdf ? "application/pdf" : file.MediaTypes[0], pdf ? Pdf : Png));
                break;
            case (FieldDefinition field, _):
                var parent = (JsonObject)Container(data, error.Field, createArrayAtEnd: false)!;
                parent[element.Id] = ValueFor(field);
                break;
            default:
                throw new InvalidOperationException($"Cannot fix {error.Field}: {error.Code}");
        }
    }

    /// <summary>The object holding the last segment of the path (or, for a group, the array at the path).</summary>
    private static JsonNode? Container(JsonObject data, string path, bool createArrayAtEnd)
    {
        var segments = FormPath.Segments(path).ToList();
        JsonObject current = data;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var (id, index) = segments[i];
            if (index is { } n)
            {
                var list = current[id] as JsonArray ?? (JsonArray)(current[id] = new JsonArray());
                while (list.Count <= n)
                {
                    list.Add(new JsonObject());
                }

                current = (JsonObject)list[n]!;
            }
            else
            {
                current = current[id] as JsonObject ?? (JsonObject)(current[id] = new JsonObject());
            }
        }

        return createArrayAtEnd ? current[segments[^1].Id] as JsonArray ?? (current[segments[^1].Id] = new JsonArray()) : current;
    }

    private static JsonNode? ValueFor(FieldDefinition field) => field.Type switch
    {
        FieldType.Select => field.Options[0].Value,
        FieldType.Bool => true,
        FieldType.Date => "2020-01-15",
        FieldType.Time => "08:30",
        FieldType.DateTime => "2020-01-15T08:30",
        FieldType.Num or FieldType.NumInt or FieldType.NumCurrency => Math.Min(Math.Max(field.Min ?? 1, 1), field.Max ?? decimal.MaxValue),
        _ => TextCandidates.FirstOrDefault(t => Fits(field, t)) ?? new string('A', Math.Max(field.MinLength ?? 1, 1)),
    };

    private static bool Fits(FieldDefinition field, string text) =>
        text.Length >= (field.MinLength ?? 0) && text.Length <= (field.MaxLength ?? int.MaxValue) &&
        (field.Pattern is null || Regex.IsMatch(text, $"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
