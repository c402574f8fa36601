using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Core.Ports;

/// <summary>Tenants, process definitions and which tenant has enabled which process with which routes.</summary>
public interface ICatalogStore
{
    Task<Tenant?> FindTenantAsync(string tenantId, CancellationToken cancellationToken);

    Task<TenantProcess?> FindTenantProcessAsync(string tenantId, string processId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TenantProcess>> ListTenantProcessesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every enabled process of every tenant, with its routes (for transports that map callers to routes).</summary>
    Task<IReadOnlyList<TenantProcess>> ListAllTenantProcessesAsync(CancellationToken cancellationToken);

    /// <summary>A stored process definition version, or null if there is none.</summary>
    Task<ProcessDefinition?> FindProcessDefinitionAsync(string processId, string version, CancellationToken cancellationToken);

    Task AddTenantAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant, by id.</summary>
    Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored tenant and saves it; false if there is no such tenant.</summary>
    Task<bool> UpdateTenantAsync(string tenantId, Action<Tenant> change, CancellationToken cancellationToken);

    /// <summary>Every stored process definition version (id, version, German title), by id and version.</summary>
    Task<IReadOnlyList<ProcessDefinitionSummary>> ListProcessDefinitionsAsync(CancellationToken cancellationToken);

    /// <summary>A stored definition exactly as it was added (the JSON), or null.</summary>
    Task<string?> FindProcessDefinitionJsonAsync(string processId, string version, CancellationToken cancellationToken);

    /// <summary>Stores a process definition version; the same id and version twice is an error.</summary>
    Task AddProcessDefinitionAsync(ProcessDefinition definition, string definitionJson, CancellationToken cancellationToken);

    /// <summary>Enables (or re-configures) a process version for a tenant.</summary>
    Task EnableProcessAsync(string tenantId, string processId, string version, IReadOnlyList<RouteDefinition> routes,
        int postkorbRetentionDays, CancellationToken cancellationToken);
}

/// <summary>One stored process definition version, for lists.</summary>
public sealed record ProcessDefinitionSummary(string ProcessId, string Version, string Title);
