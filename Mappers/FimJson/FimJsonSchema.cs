using System.Globalization;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;

namespace EfaGateway.Mappers.FimJson;

/// <summary>
/// The JSON Schema (2020-12) of a process's data, generated from its definition: one property per element, an object
/// per group, an array per repeating group, the Präzisierung as keywords, selects as enums, files as lists of
/// attachment references. Conditional rules are not expressible here; the gateway checks them at intake.
/// </summary>
public static class FimJsonSchema
{
    /// <summary>FIM processes use FITKO's schema address; others a URN of their own.</summary>
    public static string SchemaUri(ProcessDefinition process) => process.DataSchemaUri;

    public static JsonObject Generate(ProcessDefinition process)
    {
        var schema = Container(process.Sections.SelectMany(s => s.Elements).ToList());
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$id"] = SchemaUri(process);
        schema["title"] = process.Title.De;
        schema["$defs"] = new JsonObject { ["attachment"] = Attachment() };
        return schema;
    }

    private static JsonObject Container(IReadOnlyList<FormElement> elements)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var element in elements)
        {
            if (element is FieldDefinition { Type: FieldType.Label })
            {
                continue;
            }

            var property = element switch
            {
                GroupDefinition { Repeats: true } group => Repeating(group),
                GroupDefinition group => Container(group.Elements),
                FieldDefinition field => Field(field),
                _ => throw new ArgumentOutOfRangeException(nameof(elements), element.GetType().Name, "Unknown form element."),
            };
            properties[element.Id] = property;
            // Required only where the data always has it: a group that is not repeating is left out of the data when
            // nothing in it was filled in, so it is required only if something in it is.
            var alwaysRequired = element.VisibleIf is null && element.RequiredIf is null && element switch
            {
                GroupDefinition { Repeats: true } group => group.MinOccurs > 0,
                GroupDefinition group => group.MinOccurs > 0 && property["required"] is JsonArray { Count: > 0 },
                FieldDefinition field => field.Required && field.Access == FieldAccess.Editable,
                _ => false,
            };
            if (alwaysRequired)
            {
                required.Add(element.Id);
            }
        }

        var container = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        if (required.Count > 0)
        {
            container["required"] = required;
        }

        return container;
    }

    private static JsonObject Repeating(GroupDefinition group)
    {
        var array = new JsonObject { ["type"] = "array", ["items"] = Container(group.Elements), ["minItems"] = group.MinOccurs };
        if (group.MaxOccurs is { } max)
        {
            array["maxItems"] = max;
        }

        return array;
    }

    private static JsonObject Field(FieldDefinition field)
    {
        var schema = field.Type switch
        {
            FieldType.Bool => new JsonObject { ["type"] = "boolean" },
            FieldType.Num => new JsonObject { ["type"] = "number" },
            FieldType.NumInt => new JsonObject { ["type"] = "integer" },
            FieldType.NumCurrency => new JsonObject { ["type"] = "number", ["multipleOf"] = 0.01m },
            FieldType.Date => new JsonObject { ["type"] = "string", ["format"] = "date" },
            FieldType.Time => new JsonObject { ["type"] = "string", ["pattern"] = "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$" },
            FieldType.DateTime => new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$" },
            FieldType.Select => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. field.Options.Select(o => (JsonNode)o.Value)]) },
            FieldType.File => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/$defs/attachment" } },
            _ => new JsonObject { ["type"] = "string" },
        };
        schema["title"] = field.Label.De;
        if (field.Type is FieldType.Text or FieldType.TextLatin)
        {
            if (field.MinLength is { } min)
            {
                schema["minLength"] = min;
            }

            if (field.MaxLength is { } max)
            {
                schema["maxLength"] = max;
            }

            if (field.Pattern is { } pattern)
            {
                schema["pattern"] = $"^(?:{pattern})$";
            }
        }

        if (field.Type is FieldType.Num or FieldType.NumInt or FieldType.NumCurrency)
        {
            if (field.Min is { } minimum)
            {
                schema["minimum"] = minimum;
            }

            if (field.Max is { } maximum)
            {
                schema["maximum"] = maximum;
            }
        }

        return schema;
    }

    private static JsonObject Attachment() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("id", "mediaType", "size", "sha256"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["fileName"] = new JsonObject { ["type"] = "string" },
            ["mediaType"] = new JsonObject { ["type"] = "string" },
            ["size"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
            ["sha256"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{64}$" },
        },
    };

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
