using System.Security.Cryptography;
using System.Text;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Security;

/// <summary>
/// The operator API keys. Configured keys win; without any, one is generated on first start into
/// <c>{DataDirectory}/keys/operator-api-key</c> (mode 0600) for the operator to read. Only hashes are held in memory
/// for comparison, and keys are never logged.
/// </summary>
public sealed partial class OperatorKeyStore(IOptions<GatewayOptions> options, ILogger<OperatorKeyStore> logger)
{
    private readonly Lock sync = new();
    private List<byte[]>? hashes;

    public string KeyFile => Path.Combine(options.Value.ResolvedDataDirectory, "keys", "operator-api-key");

    public void EnsureKey()
    {
        if (options.Value.Api.OperatorKeys.Count > 0 || File.Exists(KeyFile))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var creation = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            creation.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(KeyFile, creation))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key);
        }

        lock (sync)
        {
            hashes = null;
        }

        LogGenerated(logger, KeyFile);
    }

    public bool IsValid(string? presented) => HashOfValid(presented) is not null;

    /// <summary>
    /// For the operator console's session: the SHA-256 (hex) of a valid presented key, else null. The session keeps only
    /// this, so a key removed from the configuration ends its sessions at the next restart (<see cref="IsCurrent"/>).
    /// </summary>
    public string? FingerprintOf(string? presented) => HashOfValid(presented) is { } hash ? Convert.ToHexString(hash) : null;

    /// <summary>Whether a fingerprint from <see cref="FingerprintOf"/> still belongs to a configured key.</summary>
    public bool IsCurrent(string? fingerprint)
    {
        if (fingerprint is not { Length: 64 })
        {
            return false;
        }

        try
        {
            return Matches(Convert.FromHexString(fingerprint));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[]? HashOfValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return Matches(hash) ? hash : null;
    }

    /// <summary>Compares with every key in constant time, so timing tells nothing about which one nearly matched.</summary>
    private bool Matches(byte[] presentedHash)
    {
        var matches = false;
        foreach (var hash in Hashes())
        {
            matches |= CryptographicOperations.FixedTimeEquals(hash, presentedHash);
        }

        return matches;
    }

    private List<byte[]> Hashes()
    {
        lock (sync)
        {
            if (hashes is not null)
            {
                return hashes;
            }

            var keys = new List<string>(options.Value.Api.OperatorKeys);
            if (keys.Count == 0 && File.Exists(KeyFile))
            {
                keys.Add(File.ReadAllText(KeyFile).Trim());
            }

            hashes = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToList();
            return hashes;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "No operator API key was configured; a new one was written to {KeyFile}")]
    private static partial void LogGenerated(ILogger logger, string keyFile);
}
