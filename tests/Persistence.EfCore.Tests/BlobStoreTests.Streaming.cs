using System.Security.Cryptography;
using EfaGateway.Persistence.Blobs;

namespace EfaGateway.Persistence.Tests;

/// <summary>The streaming half of the contract: content written as a stream, sealed chunk by chunk.</summary>
public abstract partial class BlobStoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ChunkedBlobCipher.ChunkSize - 1)]
    [InlineData(ChunkedBlobCipher.ChunkSize)]
    [InlineData(ChunkedBlobCipher.ChunkSize + 1)]
    [InlineData((3 * 1024 * 1024) + 17)]
    public async Task Content_written_as_a_stream_reads_back_whole_and_streamed(int size)
    {
        var store = CreateStore(Ring("k1"));
        var content = RandomNumberGenerator.GetBytes(size);

        await store.PutAsync("uploads/a", (sink, ct) => new MemoryStream(content).CopyToAsync(sink, 7919, ct), Ct);

        Assert.Equal(content, await store.GetAsync("uploads/a", Ct));
        using var copy = new MemoryStream();
        Assert.True(await store.CopyToAsync("uploads/a", copy, Ct));
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(["uploads/a"], await store.ListKeysAsync("uploads/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_streamed_blob_replaces_an_older_one_and_goes_with_its_prefix()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("uploads/a", (sink, ct) => new MemoryStream(RandomNumberGenerator.GetBytes(3 * 1024 * 1024)).CopyToAsync(sink, ct), Ct);

        await store.PutAsync("uploads/a", (sink, ct) => sink.WriteAsync("neu"u8.ToArray(), ct).AsTask(), Ct);
        Assert.Equal("neu"u8.ToArray(), await store.GetAsync("uploads/a", Ct));
        await store.PutAsync("uploads/b", (sink, ct) => new MemoryStream(RandomNumberGenerator.GetBytes(3 * 1024 * 1024)).CopyToAsync(sink, ct), Ct);
        await store.PutAsync("uploads/b", "ganz"u8.ToArray(), Ct);
        Assert.Equal("ganz"u8.ToArray(), await store.GetAsync("uploads/b", Ct));
        await AssertNoLeftoverPartsAsync("uploads/b");

        await store.DeleteByPrefixAsync("uploads/", Ct);
        Assert.Null(await store.GetAsync("uploads/a", Ct));
        Assert.False(await store.CopyToAsync("uploads/a", Stream.Null, Ct));
    }

    /// <summary>Stores that keep a streamed blob in parts check that none is left behind; others have nothing to check.</summary>
    protected virtual Task AssertNoLeftoverPartsAsync(string key) => Task.CompletedTask;

    [Fact]
    public async Task A_blob_written_whole_is_also_read_by_copy()
    {
        var store = CreateStore(Ring("k1"));
        await store.PutAsync("drafts/x", Secret, Ct);

        using var copy = new MemoryStream();

        Assert.True(await store.CopyToAsync("drafts/x", copy, Ct));
        Assert.Equal(Secret, copy.ToArray());
    }

    [Fact]
    public async Task A_streamed_blob_is_sealed_at_rest()
    {
        var store = CreateStore(Ring("k1"));

        await store.PutAsync("uploads/s", (sink, ct) => sink.WriteAsync(Secret, ct).AsTask(), Ct);

        var raw = (await ReadRawAsync("uploads/s"))!;
        Assert.True(ChunkedBlobCipher.IsChunked(raw));
        Assert.DoesNotContain("Mustermann", System.Text.Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flip a byte")]
    [InlineData("cut the last chunk")]
    [InlineData("drop the last chunk")]
    [InlineData("move to another key")]
    public async Task A_streamed_blob_that_was_tampered_with_fails_to_decrypt(string tampering)
    {
        var store = CreateStore(Ring("k1"));
        var content = RandomNumberGenerator.GetBytes((2 * ChunkedBlobCipher.ChunkSize) + 100);
        await store.PutAsync("uploads/t", (sink, ct) => sink.WriteAsync(content, ct).AsTask(), Ct);
        var raw = (await ReadRawAsync("uploads/t"))!;
        var tag = 16;
        var lastRecord = 100 + tag;
        byte[] altered = tampering switch
        {
            "flip a byte" => [.. raw[..^50], (byte)(raw[^50] ^ 1), .. raw[^49..]],
            "cut the last chunk" => raw[..^10],
            "drop the last chunk" => raw[..^lastRecord],
            _ => raw,
        };
        var key = tampering == "move to another key" ? "uploads/other" : "uploads/t";
        await WriteRawAsync(key, altered);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => store.CopyToAsync(key, Stream.Null, Ct));
    }
}
