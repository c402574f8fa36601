using System.Text.Json;

namespace EfaGateway.Core.Processes;

/// <summary>
/// One delivery route of a tenant's process: the transport that carries it, the mappers whose artifacts it carries,
/// an optional fallback transport used when the route is dead-lettered, and the transport's settings for this route
/// (endpoints, credentials, …; stored encrypted, see <see cref="Ports.ITransportSettings"/>).
/// </summary>
public sealed record RouteDefinition
{
    public required string TransportId { get; init; }

    public required IReadOnlyList<string> MapperIds { get; init; }

    public string? FallbackTransportId { get; init; }

    /// <summary>A JSON object the transport reads; null for transports that need none (Postkorb).</summary>
    public JsonElement? Settings { get; init; }
}
