using System.Text.Json;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// The client credentials and the demo destination id of a standalone fake, kept in its state directory so that a
/// configured sender and subscriber keep working after a restart. Test credentials only, never real ones.
/// </summary>
internal sealed record StandaloneState(ClientCredentials Sender, string? DemoDestinationId, ClientCredentials? DemoSubscriber)
{
    private const string FileName = "fake-zustelldienst.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static StandaloneState? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<StandaloneState>(File.ReadAllText(path)) : null;
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Indented));
    }
}
