using System.Text;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Persistence.Blobs;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// Routes as they are stored: the route's settings (endpoints, client secrets, …) sealed with the blob cipher, bound
/// to tenant, process and transport, so the database never holds them in the clear and a sealed value copied to
/// another route fails to open instead of leaking into it.
/// </summary>
public sealed class StoredRoutes(BlobCipher cipher)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Write(string tenantId, string processId, IReadOnlyList<RouteDefinition> routes)
    {
        var stored = routes.Select(route => new StoredRoute
        {
            TransportId = route.TransportId,
            MapperIds = route.MapperIds,
            FallbackTransportId = route.FallbackTransportId,
            SealedSettings = route.Settings is { } settings
                ? Convert.ToBase64String(cipher.Encrypt(Binding(tenantId, processId, route.TransportId), Encoding.UTF8.GetBytes(settings.GetRawText())))
                : null,
        });
        return JsonSerializer.Serialize(stored, Json);
    }

    // The routes of a tenant-process are read for every submission, delivery attempt and receipt check; opening the
    // sealed settings and parsing them each time showed in the delivery profiles.
    private readonly LastParsed<(string Tenant, string Process), IReadOnlyList<RouteDefinition>> opened = new();

    public IReadOnlyList<RouteDefinition> Read(string tenantId, string processId, string routesJson) =>
        opened.Get((tenantId, processId), routesJson, (key, json) => Open(key.Tenant, key.Process, json));

    private IReadOnlyList<RouteDefinition> Open(string tenantId, string processId, string routesJson)
    {
        var stored = JsonSerializer.Deserialize<List<StoredRoute>>(routesJson, Json) ?? [];
        return [.. stored.Select(route => new RouteDefinition
        {
            TransportId = route.TransportId,
            MapperIds = route.MapperIds,
            FallbackTransportId = route.FallbackTransportId,
            Settings = route.SealedSettings is { } sealedSettings
                ? JsonDocument.Parse(cipher.Decrypt(Binding(tenantId, processId, route.TransportId), Convert.FromBase64String(sealedSettings))).RootElement.Clone()
                : null,
        })];
    }

    private static string Binding(string tenantId, string processId, string transportId) =>
        $"route-settings/{tenantId}/{processId}/{transportId}";

    private sealed record StoredRoute
    {
        public required string TransportId { get; init; }

        public required IReadOnlyList<string> MapperIds { get; init; }

        public string? FallbackTransportId { get; init; }

        /// <summary>Base64 of the settings JSON in the <c>BlobCipher</c> format; absent when the route has none.</summary>
        public string? SealedSettings { get; init; }
    }
}
