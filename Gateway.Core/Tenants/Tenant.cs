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

    /// <summary>Official keys, contact and mail sender; <see cref="TenantProfile.Empty"/> until an operator sets them.</summary>
    public TenantProfile Profile { get; private set; } = TenantProfile.Empty;

    /// <summary>The media type of the logo kept in the blob store (<c>BlobKeys.TenantLogo</c>), or null without one.</summary>
    public string? LogoMediaType { get; private set; }

    /// <summary>Replaces the profile; the caller has checked <see cref="TenantProfile.Problems"/>.</summary>
    public void UpdateProfile(TenantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), nameof(profile));
        }

        Profile = profile;
    }

    public void SetLogo(string? mediaType) => LogoMediaType = mediaType;

    /// <summary>
    /// When the contract ended: from then on its forms and API refuse new applications, and what is kept waits for export
    /// and deletion. Null while the tenant is in service.
    /// </summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public void Close(DateTimeOffset at) => ClosedAt ??= at;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }
}
