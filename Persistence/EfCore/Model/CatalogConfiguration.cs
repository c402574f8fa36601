using EfaGateway.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EfaGateway.Persistence.Model;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(ModelLimits.Slug).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ModelLimits.Name);
        builder.Property(t => t.LogoMediaType).HasMaxLength(100);
        builder.ComplexProperty(t => t.Profile, profile =>
        {
            profile.Property(p => p.Ags).HasMaxLength(8);
            profile.Property(p => p.Ars).HasMaxLength(12);
            profile.Property(p => p.ContactName).HasMaxLength(200);
            profile.Property(p => p.ContactEmail).HasMaxLength(254);
            profile.Property(p => p.ContactPhone).HasMaxLength(40);
            profile.Property(p => p.MailSenderAddress).HasMaxLength(254);
            profile.Property(p => p.MailSenderName).HasMaxLength(200);
        });
    }
}

internal sealed class ProcessDefinitionConfiguration : IEntityTypeConfiguration<ProcessDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<ProcessDefinitionRecord> builder)
    {
        builder.ToTable("ProcessDefinitions");
        builder.HasKey(p => new { p.ProcessId, p.Version });
        builder.Property(p => p.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(p => p.Version).HasMaxLength(ModelLimits.Version);
    }
}

internal sealed class TenantProcessConfiguration : IEntityTypeConfiguration<TenantProcessRecord>
{
    public void Configure(EntityTypeBuilder<TenantProcessRecord> builder)
    {
        builder.ToTable("TenantProcesses");
        builder.HasKey(tp => new { tp.TenantId, tp.ProcessId });
        builder.Property(tp => tp.TenantId).HasMaxLength(ModelLimits.Slug);
        builder.Property(tp => tp.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(tp => tp.ProcessVersion).HasMaxLength(ModelLimits.Version);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(tp => tp.TenantId).OnDelete(DeleteBehavior.Cascade);

        // A definition version in use cannot be removed from under a tenant.
        builder.HasOne<ProcessDefinitionRecord>().WithMany()
            .HasForeignKey(tp => new { tp.ProcessId, tp.ProcessVersion })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BlobRecordConfiguration : IEntityTypeConfiguration<BlobRecord>
{
    public void Configure(EntityTypeBuilder<BlobRecord> builder)
    {
        builder.ToTable("Blobs");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(ModelLimits.BlobKey);
    }
}

/// <summary>Column sizes. Generous, but bounded where a value is an id, so PostgreSQL rejects garbage early.</summary>
internal static class ModelLimits
{
    public const int Slug = 64;
    public const int Version = 64;
    public const int Name = 200;
    public const int Identifier = 200;
    public const int MediaType = 255;
    public const int Sha256Hex = 64;
    public const int BlobKey = 512;
    public const int Vorgangsnummer = 32;
    public const int State = 16;
    public const int IdempotencyKey = EfaGateway.Core.Submissions.Submission.MaxIdempotencyKeyLength;
}
