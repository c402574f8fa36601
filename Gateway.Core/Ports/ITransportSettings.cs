using System.Text.Json;

namespace EfaGateway.Core.Ports;

/// <summary>
/// What a transport accepts as route settings. Registered as a keyed service by transport id, so the <c>route set</c>
/// verb and the admin API can check a route before storing it, and <c>route show</c> knows which values to mask.
/// </summary>
public interface ITransportSettings
{
    string TransportId { get; }

    /// <summary>Names of the settings that are secrets: never shown, never logged.</summary>
    IReadOnlyCollection<string> SecretNames { get; }

    /// <summary>Every problem with the settings at once (empty when they are usable).</summary>
    IReadOnlyList<string> Validate(JsonElement? settings);
}
