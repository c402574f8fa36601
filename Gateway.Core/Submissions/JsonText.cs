using System.Text.Json;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Reads strings from client JSON without throwing. JSON may escape a lone surrogate (<c>"\ud800"</c>), which no
/// .NET string can carry, and System.Text.Json answers that with an exception on every read of that string; client
/// input is refused with an error instead.
/// </summary>
public static class JsonText
{
    /// <summary>The string value, or null if the element is not a string or does not decode to valid UTF-16.</summary>
    public static string? TryGetString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The member's name, or null if it does not decode to valid UTF-16.</summary>
    public static string? TryGetName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether every member name at any depth decodes; until then, any property lookup may throw.</summary>
    public static bool AllNamesDecode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(p => TryGetName(p) is not null && AllNamesDecode(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(AllNamesDecode),
        _ => true,
    };
}
