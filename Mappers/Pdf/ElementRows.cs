using System.Globalization;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Writes a container's elements as rows: every field of a written container (blank ones as "—", so staff see what
/// was not answered), a group only when something in it was filled in (FIM forms carry many groups that apply to
/// few applicants), a repeating group once per instance, numbered.
/// </summary>
internal sealed class ElementRows(PageFlow flow, IReadOnlyList<Attachment> attachments)
{
    private readonly PdfSharp.Drawing.XFont groupFont = PageFlow.Font(10.5, bold: true);

    public void Write(IReadOnlyList<FormElement> elements, JsonElement data, string? path)
    {
        foreach (var element in elements)
        {
            var value = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(element.Id, out var member) ? member : default;
            switch (element)
            {
                case FieldDefinition { Type: FieldType.Label }:
                    break;
                case FieldDefinition field:
                    var text = GermanFormat.Value(field, value, FormPath.Child(path, field.Id), attachments);
                    flow.Row(field.Label.De, text ?? GermanFormat.Missing);
                    break;
                case GroupDefinition { Repeats: true } group when value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var instance in value.EnumerateArray())
                    {
                        var number = (index + 1).ToString(CultureInfo.InvariantCulture);
                        flow.Paragraph($"{group.Label.De} ({number})", groupFont);
                        Write(group.Elements, instance, FormPath.Child(path, group.Id, index));
                        index++;
                    }

                    break;
                case GroupDefinition { Repeats: false } group when HasContent(value, FormPath.Child(path, group.Id)):
                    flow.Paragraph(group.Label.De, groupFont);
                    Write(group.Elements, value, FormPath.Child(path, group.Id));
                    break;
            }
        }
    }

    private bool HasContent(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ||
        attachments.Any(a => a.FieldId.StartsWith(path + "/", StringComparison.Ordinal));
}
