using System.Security.Cryptography;
using System.Text;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence.Blobs;

namespace EfaGateway.Persistence.Tests;

/// <summary>The blob store contract, written once and run for the file-system store and the database store on each provider.</summary>
public abstract partial class BlobStoreTests : IAsyncLifetime
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Repeat("Erika Mustermann, Heidestraße 17, 51147 Köln; ", 20)));

    private readonly Dictionary<string, byte[]> keyMaterial = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A store over the same storage each time, sealing with a key ring of the given key ids.</summary>
    protected abstract IBlobStore CreateStore(BlobKeyRing keyRing);

    protected abstract Task<byte[]?> ReadRawAsync(string key);

    protected abstract Task WriteRawAsync(string key, byte[] content);

    /// <summary>Key rings over stable keys: the same id always means the same key material within a test.</summary>
    protected BlobKeyRing Ring(params string[] ids) =>
        new(ids.Select(id => new BlobKey(id, KeyMaterialFor(id))));

    [Fact]
    public async Task Content_round_trips_and_a_missing_key_reads_as_null()
    {
        var store = CreateStore(Ring("k1"));

        await store.PutAsync("submissions/aa/attachments/1", Secret, Ct);
        await store.PutAsync("submissions/aa/attachments/empty", Array.Empty<byte>(), Ct);

        Assert.Equal(Secret, await store.GetAsync("submissions/aa/attachments/1", Ct));
        Assert.Equal(Array.Empty<byte>(), await store.GetAsync("submissions/aa/attachments/empty", Ct));
        Assert.Null(await store.GetAsync("submissions/aa/attachments/2", Ct));
    }

    [Fact]
    public async Task Putting_a_key_again_replaces_its_content()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("artifacts/pdf", Secret, Ct);

        await store.PutAsync("artifacts/pdf", "neu"u8.ToArray(), Ct);

        Assert.Equal("neu"u8.ToArray(), await store.GetAsync("artifacts/pdf", Ct));
        Assert.Equal(["artifacts/pdf"], await store.ListKeysAsync("", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Stored_bytes_do_not_contain_the_plaintext()
    {
        await CreateStore(Ring("k1")).PutAsync("submissions/aa/attachments/1", Secret, Ct);

        var raw = (await ReadRawAsync("submissions/aa/attachments/1"))!;

        Assert.Equal(-1, raw.AsSpan().IndexOf(Secret.AsSpan(0, 16)));
        Assert.Equal(-1, raw.AsSpan().IndexOf("Mustermann"u8));
        Assert.Equal("EGB"u8.ToArray(), raw[..3]);
    }

    [Fact]
    public async Task Tampered_content_is_detected()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("submissions/aa/attachments/1", Secret, Ct);
        var raw = (await ReadRawAsync("submissions/aa/attachments/1"))!;
        raw[^1] ^= 0x01;
        await WriteRawAsync("submissions/aa/attachments/1", raw);

        var error = await Assert.ThrowsAsync<BlobIntegrityException>(() => store.GetAsync("submissions/aa/attachments/1", Ct));

        Assert.Contains("authentication failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_moved_to_another_key_does_not_decrypt()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("submissions/aa/attachments/1", Secret, Ct);

        await WriteRawAsync("submissions/bb/attachments/1", (await ReadRawAsync("submissions/aa/attachments/1"))!);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => store.GetAsync("submissions/bb/attachments/1", Ct));
    }

    [Fact]
    public async Task A_blob_sealed_with_an_unknown_key_id_is_reported()
    {
        await CreateStore(Ring("k1")).PutAsync("drafts/aa/data", Secret, Ct);

        var error = await Assert.ThrowsAsync<BlobIntegrityException>(() => CreateStore(Ring("k2")).GetAsync("drafts/aa/data", Ct));

        Assert.Contains("key id 'k1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_blobs_stay_readable_after_a_new_key_is_added()
    {
        await CreateStore(Ring("k1")).PutAsync("postkorb/aa/0", Secret, Ct);
        var rotated = CreateStore(Ring("k1", "k2"));

        await rotated.PutAsync("postkorb/aa/1", "neuer Schlüssel"u8.ToArray(), Ct);

        Assert.Equal(Secret, await rotated.GetAsync("postkorb/aa/0", Ct));
        Assert.Equal("neuer Schlüssel"u8.ToArray(), await rotated.GetAsync("postkorb/aa/1", Ct));
        Assert.Equal("neuer Schlüssel"u8.ToArray(), await CreateStore(Ring("k2")).GetAsync("postkorb/aa/1", Ct));
        await Assert.ThrowsAsync<BlobIntegrityException>(() => CreateStore(Ring("k2")).GetAsync("postkorb/aa/0", Ct));
    }

    [Fact]
    public async Task Delete_by_prefix_removes_exactly_that_prefix()
    {
        var store = CreateStore(Ring("k1"));
        string[] keys =
        [
            "submissions/aa/attachments/1", "submissions/aa/artifacts/pdf", "submissions/aab/attachments/1",
            "submissions/AA/attachments/1", "postkorb/aa/1", "postkorb/aa/10", "postkorb/aa/2",
        ];
        foreach (var key in keys)
        {
            await store.PutAsync(key, Secret, Ct);
        }

        await store.DeleteByPrefixAsync("submissions/aa/", Ct);
        await store.DeleteByPrefixAsync("postkorb/aa/1", Ct);
        await store.DeleteByPrefixAsync("nothing/here/", Ct);

        Assert.Equal(["postkorb/aa/2", "submissions/AA/attachments/1", "submissions/aab/attachments/1"],
            await store.ListKeysAsync("", Ct).ToListAsync(Ct));
        Assert.Null(await store.GetAsync("submissions/aa/attachments/1", Ct));
        Assert.Equal(Secret, await store.GetAsync("submissions/aab/attachments/1", Ct));
    }

    [Fact]
    public async Task List_keys_returns_the_keys_under_a_prefix_in_ordinal_order()
    {
        var store = CreateStore(Ring("k1"));
        foreach (var key in new[] { "submissions/aa/b", "submissions/aa/a", "submissions/ab/a", "submissions/aa/c/d", "drafts/aa/x" })
        {
            await store.PutAsync(key, Secret, Ct);
        }

        Assert.Equal(["submissions/aa/a", "submissions/aa/b", "submissions/aa/c/d"], await store.ListKeysAsync("submissions/aa/", Ct).ToListAsync(Ct));
        Assert.Equal(["submissions/aa/a", "submissions/aa/b", "submissions/aa/c/d", "submissions/ab/a"],
            await store.ListKeysAsync("submissions/a", Ct).ToListAsync(Ct));
        Assert.Empty(await store.ListKeysAsync("postkorb/", Ct).ToListAsync(Ct));
    }

    private byte[] KeyMaterialFor(string id)
    {
        if (!keyMaterial.TryGetValue(id, out var material))
        {
            material = RandomNumberGenerator.GetBytes(BlobKeyRing.KeySize);
            keyMaterial[id] = material;
        }

        return material;
    }
}
