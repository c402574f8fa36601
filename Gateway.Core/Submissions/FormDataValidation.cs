using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// One validation run over the element tree and the data tree side by side. Hidden elements (a false
/// <see cref="FormElement.VisibleIf"/>) are skipped and their values dropped: the citizen may have filled them in
/// before changing the answer that hides them.
/// </summary>
internal sealed class FormDataValidation(IReadOnlyList<IncomingAttachment> attachments)
{
    public List<FieldError> Errors { get; } = [];

    /// <summary>Paths of file fields that were checked (visible ones); an attachment for any other path is unknown.</summary>
    public HashSet<string> ClaimedFilePaths { get; } = new(StringComparer.Ordinal);

    public bool Malformed { get; private set; }

    public JsonObject Validate(IReadOnlyList<FormElement> root, JsonElement data) => Container(root, data, null, [data]);

    private JsonObject Container(IReadOnlyList<FormElement> elements, JsonElement data, string? path, List<JsonElement> scopes)
    {
        ReportUnknownMembers(elements, data, path);
        var output = new JsonObject();
        foreach (var element in elements)
        {
            if (element.VisibleIf is { } visible && !ConditionEvaluator.Holds(visible, scopes))
            {
                continue;
            }

            var required = element.RequiredIf is { } condition && ConditionEvaluator.Holds(condition, scopes);
            var value = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(element.Id, out var member) ? member : default;
            var elementPath = FormPath.Child(path, element.Id);
            var node = element switch
            {
                GroupDefinition group when group.Repeats => RepeatingGroup(group, value, path, elementPath, scopes, required),
                GroupDefinition group => SingleGroup(group, value, elementPath, scopes, required),
                FieldDefinition field => Field(field, value, elementPath, required),
                _ => null,
            };
            if (node is not null)
            {
                output[element.Id] = node;
            }
        }

        return output;
    }

    private void ReportUnknownMembers(IReadOnlyList<FormElement> elements, JsonElement data, string? path)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in data.EnumerateObject())
        {
            var name = JsonText.TryGetName(property);
            if (name is null || !XmlSafeText.IsValid(name))
            {
                Malformed = true;
                return;
            }

            var element = elements.FirstOrDefault(e => e.Id == name);
            if (element is null or FieldDefinition { HoldsValue: false })
            {
                Errors.Add(new FieldError(FormPath.Child(path, name), FieldErrorCode.UnknownField));
            }
        }
    }

    private JsonObject? SingleGroup(GroupDefinition group, JsonElement value, string path, List<JsonElement> scopes, bool requiredByCondition)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            Errors.Add(new FieldError(path, FieldErrorCode.WrongType));
            return null;
        }

        var needed = group.MinOccurs > 0 || requiredByCondition;
        if (!needed && !HasContent(value))
        {
            return null;
        }

        var inner = Container(group.Elements, value, path, [.. scopes, value]);
        return inner.Count == 0 ? null : inner;
    }

    private JsonArray? RepeatingGroup(GroupDefinition group, JsonElement value, string? parentPath, string path, List<JsonElement> scopes, bool requiredByCondition)
    {
        if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            Errors.Add(new FieldError(path, FieldErrorCode.WrongType));
            return null;
        }

        var instances = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
        var min = Math.Max(group.MinOccurs, requiredByCondition ? 1 : 0);
        if (instances.Count < min)
        {
            Errors.Add(new FieldError(path, FieldErrorCode.TooFewEntries, Invariant(min)));
        }
        else if (group.MaxOccurs is { } max && instances.Count > max)
        {
            Errors.Add(new FieldError(path, FieldErrorCode.TooManyEntries, Invariant(max)));
            return null;
        }

        var output = new JsonArray();
        for (var i = 0; i < instances.Count; i++)
        {
            var instancePath = FormPath.Child(parentPath, group.Id, i);
            if (instances[i].ValueKind != JsonValueKind.Object)
            {
                Errors.Add(new FieldError(instancePath, FieldErrorCode.WrongType));
                continue;
            }

            output.Add(Container(group.Elements, instances[i], instancePath, [.. scopes, instances[i]]));
        }

        return output.Count == 0 ? null : output;
    }

    private JsonNode? Field(FieldDefinition field, JsonElement value, string path, bool requiredByCondition)
    {
        var required = field.Required || requiredByCondition;
        if (field.Type == FieldType.File)
        {
            ClaimedFilePaths.Add(path);
            FileChecks.Check(field, path, required, attachments.Where(a => a.FieldId == path).ToList(), Errors);
            return null;
        }

        if (field.Type == FieldType.Label)
        {
            return null;
        }

        var present = value.ValueKind != JsonValueKind.Undefined && !IsEmpty(value);
        if (field.Access != FieldAccess.Editable)
        {
            var fixedValue = field.DefaultValue is { } text ? FieldValues.FromText(field, text) : null;
            if (present && ConditionEvaluator.ValueText(value) != field.DefaultValue)
            {
                Errors.Add(new FieldError(path, FieldErrorCode.ReadOnly));
            }

            return fixedValue;
        }

        if (!present)
        {
            if (required)
            {
                Errors.Add(new FieldError(path, FieldErrorCode.Required));
            }

            return null;
        }

        var error = FieldValueValidator.Check(field, value, required);
        if (error is not null)
        {
            Errors.Add(error with { Field = path });
            return null;
        }

        return JsonNode.Parse(value.GetRawText());
    }

    /// <summary>Whether an optional group was filled in at all: any member with a value, at any depth.</summary>
    private static bool HasContent(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(p => HasContent(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HasContent),
        _ => value.ValueKind != JsonValueKind.Undefined && !IsEmpty(value),
    };

    /// <summary>Null, or blank text. Text that does not decode is not empty: the value check refuses it.</summary>
    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
        (value.ValueKind == JsonValueKind.String && JsonText.TryGetString(value) is { } text && string.IsNullOrWhiteSpace(text));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
