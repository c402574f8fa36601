using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence;

/// <summary>
/// Applies the migrations of the configured provider. Safe with several hosts starting at once: EF Core takes a
/// database-wide migration lock (an advisory lock on PostgreSQL, a lock table on SQLite).
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<GatewayDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>
    /// Migrations the database has but this build does not know: the schema was migrated by a newer version, whose
    /// data this one may misread (after a rollback of the binaries without restoring the database).
    /// </summary>
    public async Task<IReadOnlyList<string>> GetUnknownAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        return [.. (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m))];
    }
}
