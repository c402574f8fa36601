using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Forms;

namespace EfaGateway.TestSupport;

/// <summary>
/// What a citizen would enter in the form for given data: field name (the data path) to the text typed (German dates
/// and numbers, option values for selects and radios), and each repeating group's instance count.
/// </summary>
public static class FormFields
{
    public static Dictionary<string, string> For(ProcessDefinition definition, JsonObject data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(definition, data, string.Empty, values);
        return values;
    }

    private static void Walk(ProcessDefinition definition, JsonNode? node, string path, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(definition, child, path.Length == 0 ? key : $"{path}/{key}", values);
                }

                break;
            case JsonArray array:
                values[path + FormPost.CountSuffix] = array.Count.ToString(CultureInfo.InvariantCulture);
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(definition, array[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", values);
                }

                break;
            case JsonValue value when definition.FindField(path) is { } field:
                values[path] = FormPost.Display(field, JsonSerializer.SerializeToElement(value));
                break;
        }
    }
}
