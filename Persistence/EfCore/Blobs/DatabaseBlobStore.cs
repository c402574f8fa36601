using System.Runtime.CompilerServices;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Persistence.Blobs;

/// <summary>
/// Encrypted blobs in the Blobs table: one backup covers data and files. Stateless, so a singleton. Content written as
/// a stream is stored in parts of at most 1 MiB (rows <c>key</c>, <c>key#000001</c>, …), so no part of the way holds
/// the whole blob; '#' cannot occur in blob keys, so parts never clash with keys.
/// </summary>
public sealed class DatabaseBlobStore(IDbContextFactory<GatewayDbContext> contexts, BlobCipher cipher, TimeProvider time) : IBlobStore
{
    private const int DeleteBatchSize = 500;
    private const int PartSize = 1024 * 1024;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var sealedContent = cipher.Encrypt(key, content.Span);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DeletePartsAsync(db, key, cancellationToken); // parts of an earlier streamed blob under this key
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
        if (sealedContent is null)
        {
            return null;
        }

        if (ChunkedBlobCipher.IsChunked(sealedContent))
        {
            using var whole = new MemoryStream();
            await CopyToAsync(key, whole, cancellationToken);
            return whole.ToArray();
        }

        return cipher.Decrypt(key, sealedContent);
    }

    public async Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        CheckKey(PartKey(key, 999_999));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Blobs.Where(b => b.Key == key).ExecuteDeleteAsync(cancellationToken);
            await DeletePartsAsync(db, key, cancellationToken);
        }

        var parts = new PartWriter(this, key, time.GetUtcNow());
        await using (var sealer = cipher.Chunked.CreateEncryptor(key, parts))
        {
            await write(sealer, cancellationToken);
        }

        await parts.FinishAsync(cancellationToken);
    }

    public async Task<bool> CopyToAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var first = await ReadPartAsync(key, 0, cancellationToken);
        if (first is null)
        {
            return false;
        }

        if (!ChunkedBlobCipher.IsChunked(first))
        {
            await destination.WriteAsync(cipher.Decrypt(key, first), cancellationToken);
            return true;
        }

        await cipher.Chunked.DecryptAsync(key, new PartReader(this, key, first), destination, cancellationToken);
        return true;
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
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.Contains('#', StringComparison.Ordinal))
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

    private static string PartKey(string key, int part) =>
        part == 0 ? key : $"{key}#{part.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";

    private static Task<int> DeletePartsAsync(GatewayDbContext db, string key, CancellationToken cancellationToken)
    {
        var parts = key + "#";
        return db.Blobs.Where(b => b.Key.StartsWith(parts)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<byte[]?> ReadPartAsync(string key, int part, CancellationToken cancellationToken)
    {
        var partKey = PartKey(key, part);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Blobs.AsNoTracking().Where(b => b.Key == partKey).Select(b => b.Content).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task WritePartAsync(string key, int part, byte[] content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Blobs.Add(new BlobRecord { Key = PartKey(key, part), Content = content, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Collects sealed bytes and stores them as rows of at most <see cref="PartSize"/>.</summary>
    private sealed class PartWriter(DatabaseBlobStore store, string key, DateTimeOffset now) : Core.Blobs.WriteOnlyStream
    {
        private MemoryStream buffer = new();
        private int part;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            while (data.Length > 0)
            {
                var take = (int)Math.Min(PartSize - buffer.Length, data.Length);
                await buffer.WriteAsync(data[..take], cancellationToken);
                data = data[take..];
                if (buffer.Length == PartSize)
                {
                    await store.WritePartAsync(key, part++, buffer.ToArray(), now, cancellationToken);
                    buffer = new MemoryStream();
                }
            }
        }

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (buffer.Length > 0 || part == 0)
            {
                await store.WritePartAsync(key, part++, buffer.ToArray(), now, cancellationToken);
            }
        }
    }

    /// <summary>Reads the rows of a blob written in parts, one row at a time.</summary>
    private sealed class PartReader(DatabaseBlobStore store, string key, byte[] first) : Stream
    {
        private byte[]? current = first;
        private int offset;
        private int part;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            while (current is not null && offset == current.Length)
            {
                current = await store.ReadPartAsync(key, ++part, cancellationToken);
                offset = 0;
            }

            if (current is null)
            {
                return 0;
            }

            var take = Math.Min(destination.Length, current.Length - offset);
            current.AsMemory(offset, take).CopyTo(destination);
            offset += take;
            return take;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > ModelLimits.BlobKey)
        {
            throw new ArgumentException($"A blob key has at most {ModelLimits.BlobKey} characters.", nameof(key));
        }
    }
}
