using System.Text.Json;
using EfaGateway.Core.Ports;

namespace EfaGateway.Transports.FitConnect.Settings;

/// <summary>Checks FIT-Connect route settings for <c>route set</c> and names the secrets <c>route show</c> masks.</summary>
public sealed class FitConnectTransportSettings : ITransportSettings
{
    public string TransportId => FitConnectTransport.TransportId;

    public IReadOnlyCollection<string> SecretNames => FitConnectRouteSettings.SecretNames;

    public IReadOnlyList<string> Validate(JsonElement? settings)
    {
        var (read, error) = FitConnectRouteSettings.Read(settings);
        return read is null ? [error!] : [.. read.Problems()];
    }
}
