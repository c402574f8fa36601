using System.Collections.Concurrent;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Stores;

/// <summary>Tenants, process definitions and tenant-process bindings; a fresh DbContext per operation.</summary>
public sealed class CatalogStore(IDbContextFactory<GatewayDbContext> contexts, ProcessDefinitionCache definitions, StoredRoutes storedRoutes)
    : ICatalogStore
{
    public async Task<Tenant?> FindTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
    }

    public async Task<TenantProcess?> FindTenantProcessAsync(string tenantId, string processId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await FindTenantProcessRow(db, tenantId, processId, cancellationToken);
        return row is null ? null : ToTenantProcess(row);
    }

    // Every submission and every form page looks its tenant-process up: compiled once, so EF does not hash and
    // compare the query's expression tree against its cache on every call. A compiled query belongs to the model it
    // first ran on, so there is one per context type (SQLite and PostgreSQL can share a process, as in the tests).
    private static readonly ConcurrentDictionary<Type, Func<GatewayDbContext, string, string, CancellationToken, Task<TenantProcessRow?>>> FindTenantProcessQueries = new();

    private static Task<TenantProcessRow?> FindTenantProcessRow(GatewayDbContext db, string tenantId, string processId, CancellationToken cancellationToken) =>
        FindTenantProcessQueries.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery((GatewayDbContext context, string tenant, string process, CancellationToken _) =>
            TenantProcessRows(context).FirstOrDefault(row => row.Binding.TenantId == tenant && row.Binding.ProcessId == process)))(db, tenantId, processId, cancellationToken);

    public async Task<IReadOnlyList<TenantProcess>> ListTenantProcessesAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await TenantProcessRows(db).Where(row => row.Binding.TenantId == tenantId)
            .OrderBy(row => row.Binding.ProcessId)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToTenantProcess)];
    }

    public async Task<IReadOnlyList<TenantProcess>> ListAllTenantProcessesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await TenantProcessRows(db).OrderBy(row => row.Binding.TenantId).ThenBy(row => row.Binding.ProcessId)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToTenantProcess)];
    }

    public async Task<ProcessDefinition?> FindProcessDefinitionAsync(string processId, string version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.ProcessDefinitions.AsNoTracking()
            .Where(p => p.ProcessId == processId && p.Version == version)
            .Select(p => p.DefinitionJson)
            .SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : definitions.Get(processId, version, json);
    }

    public async Task AddTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> UpdateTenantAsync(string tenantId, Action<Tenant> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return false;
        }

        change(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ProcessDefinitionSummary>> ListProcessDefinitionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProcessDefinitions.AsNoTracking().Select(p => new { p.ProcessId, p.Version, p.Title }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ProcessDefinitionSummary(r.ProcessId, r.Version, r.Title))
            .OrderBy(r => r.ProcessId, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal)];
    }

    public async Task<string?> FindProcessDefinitionJsonAsync(string processId, string version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProcessDefinitions.AsNoTracking().Where(p => p.ProcessId == processId && p.Version == version)
            .Select(p => p.DefinitionJson).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task AddProcessDefinitionAsync(ProcessDefinition definition, string definitionJson, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ProcessDefinitions.AnyAsync(p => p.ProcessId == definition.Id && p.Version == definition.Version, cancellationToken))
        {
            throw DuplicateDefinition(definition, null);
        }

        db.ProcessDefinitions.Add(new ProcessDefinitionRecord
        {
            ProcessId = definition.Id,
            Version = definition.Version,
            Title = definition.Title.De,
            DefinitionJson = definitionJson,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another host stored the same version between the check and the insert.
            throw DuplicateDefinition(definition, ex);
        }
    }

    public async Task EnableProcessAsync(string tenantId, string processId, string version, IReadOnlyList<RouteDefinition> routes,
        int postkorbRetentionDays, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw new InvalidOperationException($"Tenant '{tenantId}' does not exist.");
        }

        if (!await db.ProcessDefinitions.AnyAsync(p => p.ProcessId == processId && p.Version == version, cancellationToken))
        {
            throw new InvalidOperationException($"Process '{processId}' has no version '{version}'.");
        }

        var routesJson = storedRoutes.Write(tenantId, processId, routes);
        var binding = await db.TenantProcesses.SingleOrDefaultAsync(tp => tp.TenantId == tenantId && tp.ProcessId == processId, cancellationToken);
        if (binding is null)
        {
            db.TenantProcesses.Add(new TenantProcessRecord
            {
                TenantId = tenantId,
                ProcessId = processId,
                ProcessVersion = version,
                RoutesJson = routesJson,
                PostkorbRetentionDays = postkorbRetentionDays,
            });
        }
        else
        {
            binding.ProcessVersion = version;
            binding.RoutesJson = routesJson;
            binding.PostkorbRetentionDays = postkorbRetentionDays;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static IQueryable<TenantProcessRow> TenantProcessRows(GatewayDbContext db) =>
        from binding in db.TenantProcesses.AsNoTracking()
        join tenant in db.Tenants on binding.TenantId equals tenant.Id
        join definition in db.ProcessDefinitions
            on new { Id = binding.ProcessId, Version = binding.ProcessVersion }
            equals new { Id = definition.ProcessId, definition.Version }
        select new TenantProcessRow { Binding = binding, TenantName = tenant.Name, TenantClosed = tenant.ClosedAt != null,
            MailSenderAddress = tenant.Profile.MailSenderAddress, MailSenderName = tenant.Profile.MailSenderName, DefinitionJson = definition.DefinitionJson };

    private TenantProcess ToTenantProcess(TenantProcessRow row) => new()
    {
        TenantId = row.Binding.TenantId,
        TenantName = row.TenantName,
        TenantClosed = row.TenantClosed,
        TenantMailSenderAddress = row.MailSenderAddress,
        TenantMailSenderName = row.MailSenderName,
        Process = definitions.Get(row.Binding.ProcessId, row.Binding.ProcessVersion, row.DefinitionJson),
        Routes = storedRoutes.Read(row.Binding.TenantId, row.Binding.ProcessId, row.Binding.RoutesJson),
        PostkorbRetentionDays = row.Binding.PostkorbRetentionDays,
    };

    private static InvalidOperationException DuplicateDefinition(ProcessDefinition definition, Exception? inner) =>
        new($"Process '{definition.Id}' version '{definition.Version}' is already stored; a new definition needs a new version.", inner);

    /// <summary>Member-initialised (not a constructor) so EF can still translate filters written against it.</summary>
    private sealed class TenantProcessRow
    {
        public required TenantProcessRecord Binding { get; init; }

        public required string TenantName { get; init; }

        public required bool TenantClosed { get; init; }

        public string? MailSenderAddress { get; init; }

        public string? MailSenderName { get; init; }

        public required string DefinitionJson { get; init; }
    }
}

/// <summary>
/// Parsed process definitions. A stored (id, version) never changes, so each is parsed once per process instead of
/// on every delivery attempt; the JSON is compared too, so a database swapped underneath (tests) is never served stale.
/// </summary>
public sealed class ProcessDefinitionCache
{
    private readonly LastParsed<(string Id, string Version), ProcessDefinition> parsed = new();

    public ProcessDefinition Get(string processId, string version, string definitionJson) =>
        parsed.Get((processId, version), definitionJson, static (_, json) => ProcessDefinitionJson.Parse(json));
}
