using System.Net.Http.Headers;
using System.Text.Json;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>Reading the JSON request bodies of the Submission API strictly, with a 400 problem for anything malformed.</summary>
internal static class RequestBody
{
    public static bool TryParseObject(string body, out JsonElement root, out ApiProblem? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            problem = root.ValueKind == JsonValueKind.Object ? null : ApiProblem.InvalidRequest("The body must be a JSON object.");
            return problem is null;
        }
        catch (JsonException ex)
        {
            root = default;
            problem = ApiProblem.InvalidRequest($"The body is not JSON: {ex.Message}");
            return false;
        }
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    public static bool HasMediaType(string? contentType, string expected) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, expected, StringComparison.OrdinalIgnoreCase);

    public static bool TryReadServiceType(JsonElement request, out ServiceType serviceType, out ApiProblem? problem)
    {
        serviceType = null!;
        problem = null;
        if (!request.TryGetProperty("serviceType", out var element) || String(element, "identifier") is not { } identifier)
        {
            problem = ApiProblem.InvalidRequest("serviceType with identifier is required.");
            return false;
        }

        serviceType = new ServiceType(String(element, "name"), identifier);
        return true;
    }

    /// <summary>announcedAttachments: an array of distinct UUIDs (lowercased); missing means none.</summary>
    public static bool TryReadAttachmentIds(JsonElement request, out IReadOnlyList<string> ids, out ApiProblem? problem)
    {
        ids = [];
        problem = null;
        if (!request.TryGetProperty("announcedAttachments", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            problem = ApiProblem.InvalidRequest("announcedAttachments must be an array of UUIDs.");
            return false;
        }

        var list = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParseExact(item.GetString(), "D", out var id))
            {
                problem = ApiProblem.InvalidRequest($"announcedAttachments contains {item.GetRawText()}, which is not a UUID.");
                return false;
            }

            if (list.Contains(id.ToString()))
            {
                problem = ApiProblem.InvalidRequest($"announcedAttachments contains {id} twice.");
                return false;
            }

            list.Add(id.ToString());
        }

        ids = list;
        return true;
    }

    /// <summary>
    /// callback: {url, secret}. The real service requires https; the fake also takes http so that tests can receive
    /// callbacks on a loopback listener.
    /// </summary>
    public static bool TryReadCallback(JsonElement request, out SubmissionCallback? callback, out ApiProblem? problem)
    {
        callback = null;
        problem = null;
        if (!request.TryGetProperty("callback", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!Uri.TryCreate(String(element, "url"), UriKind.Absolute, out var url)
            || url.Scheme is not ("https" or "http") || String(element, "secret") is not { } secret)
        {
            problem = ApiProblem.InvalidRequest("callback needs an absolute https url and a secret.");
            return false;
        }

        callback = new SubmissionCallback(url, secret);
        return true;
    }
}
