namespace EfaGateway.Core.Processes;

/// <summary>
/// One delivery route of a tenant's process: the transport that carries it, the mappers whose artifacts it carries,
/// and an optional fallback transport used when the route is dead-lettered.
/// </summary>
public sealed record RouteDefinition
{
    public required string TransportId { get; init; }

    public required IReadOnlyList<string> MapperIds { get; init; }

    public string? FallbackTransportId { get; init; }
}
