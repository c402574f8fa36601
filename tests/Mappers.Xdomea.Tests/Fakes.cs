using System.Runtime.CompilerServices;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Mappers.Xdomea.Tests;

/// <summary>The Postkorb in memory; counts saves, so a test sees whether an export marked the item.</summary>
internal sealed class FakePostkorbStore : IPostkorbStore
{
    private readonly Dictionary<Guid, PostkorbItem> items = [];

    public int Saves { get; private set; }

    public void Put(PostkorbItem item) => items[item.Id] = item;

    public Task<PostkorbItem?> FindAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(items.GetValueOrDefault(id));

    public Task AddAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        Put(item);
        return Task.CompletedTask;
    }

    public Task SaveAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        Saves++;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostkorbItem>> ListAsync(string tenantId, string? processId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PostkorbItem>>(items.Values.Where(i => i.TenantId == tenantId).ToList());

    public Task<IReadOnlyList<PostkorbItem>> ListDueForDeletionAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<PostkorbItem>> ListUnnotifiedAsync(int max, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkNotifiedAsync(IReadOnlyCollection<Guid> itemIds, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> AnyForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(PostkorbItem item, CancellationToken cancellationToken) => throw new NotSupportedException();
}

internal sealed class FakeBlobStore : IBlobStore
{
    private readonly Dictionary<string, byte[]> blobs = new(StringComparer.Ordinal);

    public void Put(string key, byte[] content) => blobs[key] = content;

    public void Remove(string key) => blobs.Remove(key);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Put(key, content.ToArray());
        return Task.CompletedTask;
    }

    public Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> CopyToAsync(string key, Stream destination, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(blobs.GetValueOrDefault(key));

    public Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var key in blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            yield return key;
        }
    }
}

/// <summary>Knows one process per (tenant, process id), with just the title the export reads.</summary>
internal sealed class FakeCatalogStore : ICatalogStore
{
    private readonly Dictionary<(string, string), TenantProcess> processes = [];

    public void Enable(string tenantId, string processId, string title) =>
        processes[(tenantId, processId)] = new TenantProcess
        {
            TenantId = tenantId,
            TenantName = tenantId,
            Process = new ProcessDefinition { Id = processId, Version = "1.0.0", Title = new LocalizedText(title), Sections = [] },
            Routes = [],
        };

    public Task<TenantProcess?> FindTenantProcessAsync(string tenantId, string processId, CancellationToken cancellationToken) =>
        Task.FromResult(processes.GetValueOrDefault((tenantId, processId)));

    public Task<Tenant?> FindTenantAsync(string tenantId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<TenantProcess>> ListTenantProcessesAsync(string tenantId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<TenantProcess>> ListAllTenantProcessesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ProcessDefinition?> FindProcessDefinitionAsync(string processId, string version, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task AddTenantAsync(Tenant tenant, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddProcessDefinitionAsync(ProcessDefinition definition, string definitionJson, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task EnableProcessAsync(string tenantId, string processId, string version, IReadOnlyList<RouteDefinition> routes,
        int postkorbRetentionDays, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> UpdateTenantAsync(string tenantId, Action<Tenant> change, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ProcessDefinitionSummary>> ListProcessDefinitionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string?> FindProcessDefinitionJsonAsync(string processId, string version, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}

/// <summary>Hands out the ProzessIDs it was given, in order: a pinned id makes the message byte for byte reproducible.</summary>
internal sealed class FixedIdGenerator(params Guid[] ids) : IXdomeaIdGenerator
{
    private int next;

    public Guid NewProzessId() => ids[next++ % ids.Length];
}
