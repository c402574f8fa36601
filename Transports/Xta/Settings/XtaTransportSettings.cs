using System.Text.Json;
using EfaGateway.Core.Ports;

namespace EfaGateway.Transports.Xta.Settings;

/// <summary>Checks XTA route settings for <c>route set</c> and names the secrets <c>route show</c> masks.</summary>
public sealed class XtaTransportSettings : ITransportSettings
{
    public string TransportId => XtaTransport.TransportId;

    public IReadOnlyCollection<string> SecretNames => XtaRouteSettings.SecretNames;

    public IReadOnlyList<string> Validate(JsonElement? settings)
    {
        var (read, error) = XtaRouteSettings.Read(settings);
        return read is null ? [error!] : [.. read.Problems()];
    }
}
