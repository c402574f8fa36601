namespace EfaGateway.Persistence.Model;

/// <summary>
/// One version of a process definition as stored. The JSON is the source of truth; Core parses it with
/// <c>ProcessDefinitionJson.Parse</c>, so the schema of definitions can evolve without migrations.
/// </summary>
public sealed class ProcessDefinitionRecord
{
    public required string ProcessId { get; init; }

    public required string Version { get; init; }

    /// <summary>The German title, copied out of the JSON so operators can list definitions without parsing them.</summary>
    public required string Title { get; init; }

    public required string DefinitionJson { get; init; }
}

/// <summary>A process version enabled for a tenant, with the tenant's routes (JSON list of <c>RouteDefinition</c>).</summary>
public sealed class TenantProcessRecord
{
    public required string TenantId { get; init; }

    public required string ProcessId { get; set; }

    public required string ProcessVersion { get; set; }

    public required string RoutesJson { get; set; }

    public int PostkorbRetentionDays { get; set; }
}

/// <summary>An encrypted blob kept in the database (the alternative to blobs on disk).</summary>
public sealed class BlobRecord
{
    public required string Key { get; init; }

    /// <summary>Ciphertext in the <c>BlobCipher</c> format; never plaintext.</summary>
    public required byte[] Content { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
