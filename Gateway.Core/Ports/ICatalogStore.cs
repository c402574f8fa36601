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

    /// <summary>Stores a process definition version; the same id and version twice is an error.</summary>
    Task AddProcessDefinitionAsync(ProcessDefinition definition, string definitionJson, CancellationToken cancellationToken);

    /// <summary>Enables (or re-configures) a process version for a tenant.</summary>
    Task EnableProcessAsync(string tenantId, string processId, string version, IReadOnlyList<RouteDefinition> routes,
        int postkorbRetentionDays, CancellationToken cancellationToken);
}
