using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EfaGateway.Conformance.FitConnect.Pki;

/// <summary>
/// Hands out RSA private keys by name. Generating an RSA-4096 key takes a second or more on a small machine, so keys
/// come from a process-wide pool generated lazily: within one source every name gets a distinct key, and later sources
/// reuse the same pool keys in the same order. With a directory the keys are persisted as PKCS#8 PEM files, so a
/// standalone fake keeps its destination keys (and its trust anchor) across restarts.
/// </summary>
public sealed class TestKeySource
{
    private static readonly ConcurrentDictionary<(int Bits, int Index), Lazy<byte[]>> Pool = new();

    private readonly string? directory;
    private readonly ConcurrentDictionary<string, int> indexByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> nextIndexByBits = new();
    private readonly Lock gate = new();

    public TestKeySource(string? directory = null)
    {
        this.directory = directory;
        if (directory is not null)
        {
            Directory.CreateDirectory(Path.Combine(directory, "keys"));
        }
    }

    /// <summary>Generates the first <paramref name="count"/> RSA-4096 pool keys in parallel (the pool is lazy otherwise).</summary>
    public static void WarmUp(int count) =>
        Parallel.For(0, count, index => _ = Pool.GetOrAdd((4096, index), static key => new Lazy<byte[]>(() => Generate(key.Bits))).Value);

    /// <summary>A fresh <see cref="RSA"/> instance (callers own and dispose it) for the key called <paramref name="name"/>.</summary>
    public RSA Get(string name, int bits = 4096)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var pkcs8 = directory is null ? FromPool(name, bits) : FromDirectory(name, bits);
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }

    private byte[] FromPool(string name, int bits)
    {
        int index;
        lock (gate)
        {
            var key = $"{bits}:{name}";
            if (!indexByName.TryGetValue(key, out index))
            {
                index = nextIndexByBits.AddOrUpdate(bits, 0, (_, last) => last + 1);
                indexByName[key] = index;
            }
        }

        return Pool.GetOrAdd((bits, index), static key => new Lazy<byte[]>(() => Generate(key.Bits))).Value;
    }

    private byte[] FromDirectory(string name, int bits)
    {
        var path = Path.Combine(directory!, "keys", $"{name}.pkcs8.pem");
        lock (gate)
        {
            if (File.Exists(path))
            {
                using var existing = RSA.Create();
                existing.ImportFromPem(File.ReadAllText(path));
                return existing.ExportPkcs8PrivateKey();
            }

            var pkcs8 = FromPool(name, bits);
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            RestrictToOwner(path);
            return pkcs8;
        }
    }

    private static byte[] Generate(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
