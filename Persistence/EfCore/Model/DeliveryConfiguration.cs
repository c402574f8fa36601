using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EfaGateway.Persistence.Model;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    /// <summary>The partial index of the delivery queue: due order (next attempt, then creation) of Pending and Retrying.</summary>
    public const string DueIndexName = "IX_Deliveries_Due";

    /// <summary>The index's predicate, word for word as the claim queries repeat it (valid SQL on SQLite and PostgreSQL).</summary>
    public const string DueFilter = "\"State\" IN ('Pending', 'Retrying')";

    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("Deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.TenantId).HasMaxLength(ModelLimits.Slug);
        builder.Property(d => d.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(d => d.TransportId).HasMaxLength(ModelLimits.Identifier);
        builder.Property(d => d.FallbackTransportId).HasMaxLength(ModelLimits.Identifier);
        builder.Property(d => d.LeaseOwner).HasMaxLength(ModelLimits.Identifier);
        builder.Property(d => d.TraceParent).HasMaxLength(Delivery.TraceParentMaxLength);
        builder.Property(d => d.ReceiptNote).HasMaxLength(Delivery.ReceiptNoteMaxLength);

        // As text, so an operator reading the table (or a SQL query in a runbook) sees "Retrying", not 4.
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(ModelLimits.State);

        // Core bumps Version itself on every change; the stores tell EF which value was read (see DeliveryVersions),
        // so the UPDATE only succeeds while the row still has that version.
        builder.Property(d => d.Version).IsConcurrencyToken();

        // The public read-only views are backed by private fields; map the fields, not the views.
        builder.Ignore(d => d.MapperIds);
        builder.Ignore(d => d.ExternalIds);
        builder.Ignore(d => d.IsSettled);
        builder.Ignore(d => d.CanRetryNow);
        builder.Property<List<string>>("mapperIds")
            .HasField("mapperIds")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnName("MapperIds")
            .HasConversion(JsonColumn.StringListConverter, JsonColumn.StringListComparer)
            .IsRequired();
        builder.Property<Dictionary<string, string>>("externalIds")
            .HasField("externalIds")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnName("ExternalIds")
            .HasConversion(JsonColumn.StringMapConverter, JsonColumn.StringMapComparer)
            .IsRequired();

        builder.HasOne<Submission>().WithMany().HasForeignKey(d => d.SubmissionId).OnDelete(DeleteBehavior.Restrict);

        // Claiming: the oldest due delivery among Pending/Retrying, read in index order so a claim touches one entry
        // however long the queue. Partial, so it holds only the queue; the claim queries name the same predicate
        // (SQLite and PostgreSQL use a partial index only for a query whose WHERE contains the index's).
        builder.HasIndex(d => new { d.NextAttemptAt, d.CreatedAt })
            .HasDatabaseName(DueIndexName)
            .HasFilter(DueFilter);

        // Lease sweep: in-flight deliveries whose lease ran out.
        builder.HasIndex(d => new { d.State, d.LeaseExpiresAt });

        // Operator view: dead-lettered deliveries of one tenant.
        builder.HasIndex(d => new { d.TenantId, d.State });
    }
}
