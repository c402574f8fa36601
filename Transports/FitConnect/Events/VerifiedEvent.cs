using System.Text.Json;

namespace EfaGateway.Transports.FitConnect.Events;

/// <summary>An event of the log whose signature, header and claims all checked out.</summary>
public sealed record VerifiedEvent(string EventUri, bool IssuedByDestination, long IssuedAt, JsonElement Details)
{
    /// <summary>The <c>authenticationTags</c> of a submit or accept event, if it carries them.</summary>
    public AuthenticationTags? Tags => Details.ValueKind == JsonValueKind.Object && Details.TryGetProperty("authenticationTags", out var tags)
        ? AuthenticationTags.From(tags)
        : null;
}

/// <summary>The authentication tags of the JWEs of one submission: metadata, data and each attachment.</summary>
public sealed record AuthenticationTags(string? Metadata, string? Data, IReadOnlyDictionary<string, string> Attachments)
{
    public static AuthenticationTags? From(JsonElement tags)
    {
        if (tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var attachments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (tags.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in list.EnumerateObject())
            {
                attachments[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : string.Empty;
            }
        }

        return new AuthenticationTags(Text(tags, "metadata"), Text(tags, "data"), attachments);
    }

    /// <summary>The differences to <paramref name="expected"/>, named by part; empty when they match.</summary>
    public IReadOnlyList<string> Differences(AuthenticationTags expected)
    {
        var differences = new List<string>();
        if (!string.Equals(Metadata, expected.Metadata, StringComparison.Ordinal))
        {
            differences.Add("metadata");
        }

        if (!string.Equals(Data, expected.Data, StringComparison.Ordinal))
        {
            differences.Add("data");
        }

        foreach (var id in expected.Attachments.Keys.Union(Attachments.Keys, StringComparer.OrdinalIgnoreCase))
        {
            if (!Attachments.TryGetValue(id, out var mine) || !expected.Attachments.TryGetValue(id, out var theirs) || mine != theirs)
            {
                differences.Add($"attachment {id}");
            }
        }

        return differences;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
