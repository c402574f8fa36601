using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Submissions;
using EfaGateway.Core.Tenants;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence;

/// <summary>
/// The gateway's database: the Core entities mapped directly, plus catalog and blob records. One subclass per provider,
/// each with its own migrations, because the providers differ in types (timestamps) and in how rows are locked.
/// </summary>
public abstract class GatewayDbContext : DbContext
{
    protected GatewayDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();

    public DbSet<TenantProcessRecord> TenantProcesses => Set<TenantProcessRecord>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<PostkorbItem> PostkorbItems => Set<PostkorbItem>();

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<BlobRecord> Blobs => Set<BlobRecord>();

    /// <summary>
    /// Within the caller's transaction: the longest-waiting due delivery (Pending or Retrying, next attempt ≤ now),
    /// tracked and locked so that no other worker can take it before the transaction ends; null if none is due.
    /// </summary>
    internal abstract Task<Delivery?> LockNextDueDeliveryAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>After deletions: make deleted rows leave the storage files where the provider leaves copies behind.</summary>
    internal virtual Task ScrubAfterDeletionAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new TenantConfiguration());
        modelBuilder.ApplyConfiguration(new ProcessDefinitionConfiguration());
        modelBuilder.ApplyConfiguration(new TenantProcessConfiguration());
        modelBuilder.ApplyConfiguration(new SubmissionConfiguration());
        modelBuilder.ApplyConfiguration(new DeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new PostkorbItemConfiguration());
        modelBuilder.ApplyConfiguration(new DraftConfiguration());
        modelBuilder.ApplyConfiguration(new BlobRecordConfiguration());
    }
}
