using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.CanonicalXml;

internal abstract record FilledElement;

internal sealed record FilledField(FieldDefinition Field, string? Value, IReadOnlyList<Attachment> Files) : FilledElement;

internal sealed record FilledGroup(GroupDefinition Group, int? Index, IReadOnlyList<FilledElement> Children) : FilledElement;

/// <summary>
/// The filled-in part of the element tree: fields with a value or files, groups (each instance of a repeating one)
/// with at least one such field. The data was normalized at intake, so hidden elements are already gone.
/// </summary>
internal static class FilledElements
{
    public static List<FilledElement> Collect(IReadOnlyList<FormElement> elements, JsonElement data, string? path, IReadOnlyList<Attachment> attachments)
    {
        var filled = new List<FilledElement>();
        foreach (var element in elements)
        {
            var elementPath = FormPath.Child(path, element.Id);
            var value = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(element.Id, out var member) ? member : default;
            switch (element)
            {
                case FieldDefinition { Type: FieldType.File } file:
                    var files = attachments.Where(a => a.FieldId == elementPath).ToList();
                    if (files.Count > 0)
                    {
                        filled.Add(new FilledField(file, null, files));
                    }

                    break;
                case FieldDefinition field when field.HoldsValue && CanonicalValue.Read(field, value) is { } text:
                    filled.Add(new FilledField(field, text, []));
                    break;
                case GroupDefinition { Repeats: true } group when value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var instance in value.EnumerateArray())
                    {
                        var children = Collect(group.Elements, instance, FormPath.Child(path, group.Id, index), attachments);
                        if (children.Count > 0)
                        {
                            filled.Add(new FilledGroup(group, index, children));
                        }

                        index++;
                    }

                    break;
                case GroupDefinition { Repeats: false } group:
                    var inner = Collect(group.Elements, value, elementPath, attachments);
                    if (inner.Count > 0)
                    {
                        filled.Add(new FilledGroup(group, null, inner));
                    }

                    break;
            }
        }

        return filled;
    }
}
