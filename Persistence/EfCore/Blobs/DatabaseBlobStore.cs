using System.Runtime.CompilerServices;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Blobs;

/// <summary>Encrypted blobs in the Blobs table: one backup covers data and files. Stateless, so a singleton.</summary>
public sealed class DatabaseBlobStore(IDbContextFactory<GatewayDbContext> contexts, BlobCipher cipher, TimeProvider time) : IBlobStore
{
    private const int DeleteBatchSize = 500;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var sealedContent = cipher.Encrypt(key, content.Span);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await ReplaceAsync(db, key, sealedContent, now, cancellationToken))
        {
            return;
        }

        db.Blobs.Add(new BlobRecord { Key = key, Content = sealedContent, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone inserted the same key between our update and our insert: last writer wins, as on a file system.
            if (!await ReplaceAsync(db, key, sealedContent, now, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sealedContent = await db.Blobs.AsNoTracking()
            .Where(b => b.Key == key)
            .Select(b => b.Content)
            .SingleOrDefaultAsync(cancellationToken);
        return sealedContent is null ? null : cipher.Decrypt(key, sealedContent);
    }

    public async Task DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await MatchingKeys(db, prefix).ToListAsync(cancellationToken);
        foreach (var batch in keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Chunk(DeleteBatchSize))
        {
            await db.Blobs.Where(b => batch.Contains(b.Key)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var key in MatchingKeys(db, prefix).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// Candidates by prefix, checked again in memory by the callers: SQLite's LIKE ignores ASCII case, and
    /// "exactly this prefix" must not depend on the provider's collation.
    /// </summary>
    private static IQueryable<string> MatchingKeys(GatewayDbContext db, string prefix) =>
        db.Blobs.AsNoTracking().Where(b => b.Key.StartsWith(prefix)).OrderBy(b => b.Key).Select(b => b.Key);

    private static async Task<bool> ReplaceAsync(GatewayDbContext db, string key, byte[] sealedContent, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await db.Blobs.Where(b => b.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Content, sealedContent).SetProperty(b => b.CreatedAt, now), cancellationToken) > 0;

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > ModelLimits.BlobKey)
        {
            throw new ArgumentException($"A blob key has at most {ModelLimits.BlobKey} characters.", nameof(key));
        }
    }
}
