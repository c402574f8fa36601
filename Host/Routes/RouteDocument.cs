using System.Text.Json;
using System.Text.Json.Serialization;

namespace EfaGateway.Host.Routes;

/// <summary>
/// The routes of one tenant's process as an operator writes them for <c>route set</c> and reads them from
/// <c>route show</c>: <c>{"routes":[{"transport":"fit-connect","mappers":["fim-json","pdf"],"fallback":"postkorb","settings":{…}}]}</c>.
/// </summary>
public sealed record RouteDocument
{
    [JsonPropertyName("routes")]
    public IReadOnlyList<RouteEntry>? Routes { get; init; }
}

public sealed record RouteEntry
{
    [JsonPropertyName("transport")]
    public string? Transport { get; init; }

    [JsonPropertyName("mappers")]
    public IReadOnlyList<string>? Mappers { get; init; }

    [JsonPropertyName("fallback")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fallback { get; init; }

    [JsonPropertyName("settings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Settings { get; init; }
}
