using EfaGateway.Core.Drafts;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EfaGateway.Persistence.Model;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("Submissions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Vorgangsnummer).HasMaxLength(ModelLimits.Vorgangsnummer);
        builder.Property(s => s.TenantId).HasMaxLength(ModelLimits.Slug);
        builder.Property(s => s.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(s => s.ProcessVersion).HasMaxLength(ModelLimits.Version);
        builder.Property(s => s.DataSha256).HasMaxLength(ModelLimits.Sha256Hex);
        builder.Ignore(s => s.IsPurged);
        builder.HasIndex(s => new { s.TenantId, s.Vorgangsnummer }).IsUnique();

        // One submission per client key and tenant; requests without a key leave it NULL, and NULLs never clash
        // (SQLite and PostgreSQL alike), so the index needs no filter.
        builder.Property(s => s.IdempotencyKey).HasMaxLength(ModelLimits.IdempotencyKey);
        builder.Property(s => s.RequestFingerprint).HasMaxLength(ModelLimits.Sha256Hex);
        builder.HasIndex(s => new { s.TenantId, s.IdempotencyKey }).IsUnique();

        // The retention job looks for unpurged submissions, oldest first.
        builder.HasIndex(s => new { s.PersonalDataPurgedAt, s.ReceivedAt });

        builder.OwnsMany(s => s.Attachments, attachment =>
        {
            attachment.ToTable("Attachments");
            attachment.WithOwner().HasForeignKey("SubmissionId");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.Id).ValueGeneratedNever();
            attachment.Property(a => a.FieldId).HasMaxLength(ModelLimits.Identifier);
            attachment.Property(a => a.MediaType).HasMaxLength(ModelLimits.MediaType);
            attachment.Property(a => a.Sha256).HasMaxLength(ModelLimits.Sha256Hex);
            attachment.Property(a => a.BlobKey).HasMaxLength(ModelLimits.BlobKey);
        });
        builder.Navigation(s => s.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PostkorbItemConfiguration : IEntityTypeConfiguration<PostkorbItem>
{
    public void Configure(EntityTypeBuilder<PostkorbItem> builder)
    {
        builder.ToTable("PostkorbItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TenantId).HasMaxLength(ModelLimits.Slug);
        builder.Property(i => i.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(i => i.Vorgangsnummer).HasMaxLength(ModelLimits.Vorgangsnummer);
        builder.Property(i => i.FirstFetchedBy).HasMaxLength(ModelLimits.Identifier);
        builder.HasIndex(i => new { i.TenantId, i.ProcessId, i.ProvidedAt });
        builder.HasIndex(i => i.DeleteAt);
        builder.HasIndex(i => i.SubmissionId);

        // The notice job looks for items nobody has been told about yet.
        builder.HasIndex(i => i.NotifiedAt);

        // The files are an ordered, immutable list of values: a JSON column keeps the order without a position key
        // and lets the item and its files be written in one row.
        builder.OwnsMany(i => i.Files, file =>
        {
            file.ToJson("Files");
            file.Property(f => f.Name);
            file.Property(f => f.MediaType);
            file.Property(f => f.Size);
            file.Property(f => f.Sha256);
            file.Property(f => f.BlobKey);
        });
        builder.Navigation(i => i.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("Drafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.TenantId).HasMaxLength(ModelLimits.Slug);
        builder.Property(d => d.ProcessId).HasMaxLength(ModelLimits.Slug);
        builder.Property(d => d.ProcessVersion).HasMaxLength(ModelLimits.Version);
        builder.Property(d => d.PinHash).HasMaxLength(ModelLimits.Name);
        builder.Ignore(d => d.DeleteAt);
        builder.HasIndex(d => d.SavedAt);
    }
}
