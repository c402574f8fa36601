using EfaGateway.Core.Tenants;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Staff;

/// <summary>
/// Staff tables on top of Identity's own configuration: own table names, the tenant on every row (with a cascade from
/// the tenant, so a tenant's deletion takes its accounts along), grants, password history, one-time links, audit log.
/// </summary>
internal static class StaffConfiguration
{
    private const int Login = 128;
    private const int PersonName = 100;
    private const int Email = 254;

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StaffUser>(user =>
        {
            user.ToTable("StaffUsers");
            user.Property(u => u.TenantId).HasMaxLength(ModelLimits.Slug);
            user.Property(u => u.Login).HasMaxLength(Login);
            user.Property(u => u.FirstName).HasMaxLength(PersonName);
            user.Property(u => u.LastName).HasMaxLength(PersonName);
            user.Property(u => u.Email).HasMaxLength(Email);
            user.Property(u => u.NormalizedEmail).HasMaxLength(Email);
            user.HasIndex(u => new { u.TenantId, u.Login }).IsUnique();
            user.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StaffUserClaim>(claim =>
        {
            claim.ToTable("StaffUserClaims");
            claim.Property(c => c.TenantId).HasMaxLength(ModelLimits.Slug);
            claim.HasIndex(c => c.TenantId);
        });
        modelBuilder.Entity<StaffUserLogin>(login =>
        {
            login.ToTable("StaffUserLogins");
            login.Property(l => l.TenantId).HasMaxLength(ModelLimits.Slug);
            login.HasIndex(l => l.TenantId);
        });
        modelBuilder.Entity<StaffUserToken>(token =>
        {
            token.ToTable("StaffUserTokens");
            token.Property(t => t.TenantId).HasMaxLength(ModelLimits.Slug);
            token.HasIndex(t => t.TenantId);
        });
        modelBuilder.Entity<StaffProcessGrant>(grant =>
        {
            grant.ToTable("StaffProcessGrants");
            grant.HasKey(g => new { g.UserId, g.ProcessId });
            grant.Property(g => g.TenantId).HasMaxLength(ModelLimits.Slug);
            grant.Property(g => g.ProcessId).HasMaxLength(ModelLimits.Slug);
            grant.HasIndex(g => new { g.TenantId, g.ProcessId });
            grant.HasOne<StaffUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StaffPasswordHistoryEntry>(entry =>
        {
            entry.ToTable("StaffPasswordHistory");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.TenantId).HasMaxLength(ModelLimits.Slug);
            entry.HasIndex(e => new { e.UserId, e.SetAt });
            entry.HasIndex(e => e.TenantId);
            entry.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StaffPasswordLink>(link =>
        {
            link.ToTable("StaffPasswordLinks");
            link.HasKey(l => l.Id);
            link.Property(l => l.TenantId).HasMaxLength(ModelLimits.Slug);
            link.Property(l => l.TokenHash).HasMaxLength(ModelLimits.Sha256Hex);
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasIndex(l => l.TenantId);
            link.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AuditRecord>(record =>
        {
            // No foreign key to the tenant: the log is exported at contract end and removed by the tenant deletion itself.
            record.ToTable("AuditLog");
            record.HasKey(r => r.Id);
            record.Property(r => r.TenantId).HasMaxLength(ModelLimits.Slug);
            record.Property(r => r.Actor).HasMaxLength(Login + ModelLimits.Slug + 1);
            record.Property(r => r.Action).HasMaxLength(64);
            record.Property(r => r.Target).HasMaxLength(ModelLimits.Identifier);
            record.Property(r => r.Details).HasMaxLength(500);
            record.HasIndex(r => new { r.TenantId, r.Id });
        });
    }
}
