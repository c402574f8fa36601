namespace EfaGateway.Core.Tenants;

/// <summary>A municipality (Mandant) using the gateway. Its id is the URL slug used in entry links.</summary>
public sealed class Tenant
{
    private Tenant()
    {
        Id = string.Empty;
        Name = string.Empty;
    }

    public Tenant(string id, string name, DateTimeOffset createdAt)
    {
        if (!TenantId.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid tenant id.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }
}
