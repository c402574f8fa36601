using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Submissions;
using EfaGateway.Core.Tenants;
using EfaGateway.Persistence.Model;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence;

/// <summary>
/// The gateway's database: the Core entities mapped directly, plus catalog and blob records. One subclass per provider,
/// each with its own migrations, because the providers differ in types (timestamps) and in how rows are locked.
/// Staff accounts are ASP.NET Core Identity's user tables (no roles: rights are per tenant and process, see
/// <see cref="StaffProcessGrant"/>), in this same database so a tenant's rows stay together.
/// </summary>
public abstract class GatewayDbContext : IdentityUserContext<StaffUser, Guid, StaffUserClaim, StaffUserLogin, StaffUserToken>
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

    public DbSet<StaffProcessGrant> StaffProcessGrants => Set<StaffProcessGrant>();

    public DbSet<StaffPasswordHistoryEntry> StaffPasswordHistory => Set<StaffPasswordHistoryEntry>();

    public DbSet<StaffPasswordLink> StaffPasswordLinks => Set<StaffPasswordLink>();

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    /// <summary>
    /// Within the caller's transaction: the longest-waiting due delivery (Pending or Retrying, next attempt ≤ now),
    /// locked so that no other worker can take it before the transaction ends; null if none is due. Not tracked: the
    /// claim writes it back through <see cref="Stores.DeliveryRowWriter"/>.
    /// </summary>
    internal abstract Task<Delivery?> LockNextDueDeliveryAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>After deletions: make deleted rows leave the storage files where the provider leaves copies behind.</summary>
    internal virtual Task ScrubAfterDeletionAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new TenantConfiguration());
        builder.ApplyConfiguration(new ProcessDefinitionConfiguration());
        builder.ApplyConfiguration(new TenantProcessConfiguration());
        builder.ApplyConfiguration(new SubmissionConfiguration());
        builder.ApplyConfiguration(new DeliveryConfiguration());
        builder.ApplyConfiguration(new PostkorbItemConfiguration());
        builder.ApplyConfiguration(new DraftConfiguration());
        builder.ApplyConfiguration(new BlobRecordConfiguration());
        StaffConfiguration.Apply(builder);
    }

    /// <summary>
    /// Identity's schema version 1 always, whatever IdentityOptions.Stores says at run time: the model (and so the
    /// migrations) must not depend on host settings. Version 1 is users, claims, logins and tokens; no passkeys.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;
}
