using Microsoft.Extensions.Configuration;

namespace EfaGateway.Persistence.Configuration;

/// <summary>
/// <c>Gateway:DataDirectory</c> (default <c>data</c>, relative to the current directory): where the embedded defaults
/// keep the database, blobs and keys. Other settings refer to it as <c>{DataDirectory}</c>.
/// </summary>
public static class GatewayDataDirectory
{
    public const string ConfigurationKey = "Gateway:DataDirectory";
    public const string DefaultValue = "data";
    public const string Placeholder = "{DataDirectory}";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultValue : configured);
    }

    public static string Expand(string value, string dataDirectory) =>
        value.Replace(Placeholder, dataDirectory, StringComparison.Ordinal);
}
