using EfaGateway.Persistence.Blobs;
using Microsoft.Extensions.Options;

namespace EfaGateway.Persistence.Configuration;

/// <summary>Section <c>Gateway:Blobs</c>: where encrypted blobs live and which keys seal them.</summary>
public sealed class BlobStoreOptions
{
    public const string SectionName = "Gateway:Blobs";
    public const string FileSystem = "FileSystem";
    public const string Database = "Database";

    /// <summary><c>FileSystem</c> (default) or <c>Database</c>.</summary>
    public string Store { get; set; } = FileSystem;

    /// <summary>For the file-system store. Default <c>{DataDirectory}/blobs</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Used when no <see cref="Keys"/> are configured. Default <c>{DataDirectory}/keys/blob-keys.json</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Optional key ring from configuration (e.g. a secret store); the last key seals new blobs.</summary>
    public List<BlobKeyOptions> Keys { get; set; } = [];

    internal void ApplyDefaults(string dataDirectory)
    {
        var store = Store?.Trim();
        Store = string.Equals(store, Database, StringComparison.OrdinalIgnoreCase) ? Database
            : string.IsNullOrEmpty(store) || string.Equals(store, FileSystem, StringComparison.OrdinalIgnoreCase) ? FileSystem
            : store;
        Directory = FullPath(string.IsNullOrWhiteSpace(Directory) ? Path.Combine(dataDirectory, "blobs") : Directory, dataDirectory);
        KeyFile = FullPath(string.IsNullOrWhiteSpace(KeyFile) ? Path.Combine(dataDirectory, "keys", "blob-keys.json") : KeyFile, dataDirectory);
    }

    private static string FullPath(string path, string dataDirectory) =>
        Path.GetFullPath(GatewayDataDirectory.Expand(path, dataDirectory));
}

/// <summary>One configured blob key: an id (written into each blob) and 32 random bytes in base64.</summary>
public sealed class BlobKeyOptions
{
    public string? Id { get; set; }

    public string? Key { get; set; }
}

/// <summary>Reports every problem at once; never quotes key material.</summary>
internal sealed class BlobStoreOptionsValidator : IValidateOptions<BlobStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobStoreOptions options)
    {
        var failures = new List<string>();
        if (options.Store is not (BlobStoreOptions.FileSystem or BlobStoreOptions.Database))
        {
            failures.Add($"{BlobStoreOptions.SectionName}:Store '{options.Store}' is unknown; use '{BlobStoreOptions.FileSystem}' or '{BlobStoreOptions.Database}'.");
        }

        if (options.Store == BlobStoreOptions.FileSystem && string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{BlobStoreOptions.SectionName}:Directory is required for the file-system store.");
        }

        if (options.Keys.Count == 0 && string.IsNullOrWhiteSpace(options.KeyFile))
        {
            failures.Add($"{BlobStoreOptions.SectionName}: either Keys or a KeyFile is required.");
        }

        failures.AddRange(BlobKeyRing.Validate(options.Keys.Select(k => (k.Id, k.Key)))
            .Select(problem => $"{BlobStoreOptions.SectionName}:Keys: {problem}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
