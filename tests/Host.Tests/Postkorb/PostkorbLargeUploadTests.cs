using System.Security.Cryptography;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Postkorb;

/// <summary>
/// An upload goes into the Postkorb blob to blob, in chunks: delivering a 100 MB one holds a small fraction of it in
/// memory, and staff get the very bytes, with the size and hash the item shows.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class PostkorbLargeUploadTests : IDisposable
{
    private static readonly GeneratedFile Large = new(100L * 1024 * 1024);

    private readonly GatewayFactory factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task A_100_MB_upload_is_copied_into_the_Postkorb_in_bounded_memory_and_arrives_intact()
    {
        using var client = factory.CreateClient();
        await DemoApplication.SubmitAsync(client);
        await factory.DeliverDueAsync(); // warm-up: the first PDF, JIT — not the upload's cost
        var accepted = await DemoApplication.SubmitAsync(client);

        // The stored upload is replaced by a 100 MB one: what is measured is the delivery. (Intake's own limits, 20 MB
        // by default and the virus scan, are not the subject here.)
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var submission = await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().FindAsync(accepted.Id, Ct);
            var upload = Assert.Single(submission!.Attachments);
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(upload.BlobKey, Large.WriteAsync, Ct);
        }

        var peak = await LiveMemory.PeakDuringAsync(() => factory.DeliverDueAsync());

        TestContext.Current.TestOutputHelper?.WriteLine($"Live managed peak while delivering {Large.Size / 1_048_576} MiB: {peak / 1_048_576.0:0.0} MiB");
        await using var check = factory.Services.CreateAsyncScope();
        var delivery = Assert.Single(await check.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(accepted.Id, Ct));
        Assert.Equal("Confirmed", delivery.State.ToString());
        var item = await check.ServiceProvider.GetRequiredService<IPostkorbStore>().FindAsync(delivery.Id, Ct);
        var file = Assert.Single(item!.Files, f => f.Name == "Anlage-01-heimtierausweis-wuffelbert.pdf");
        var expected = await Large.HashHexAsync(HashAlgorithmName.SHA256);
        Assert.Equal(Large.Size, file.Size);
        Assert.Equal(expected, file.Sha256);
        Assert.Equal(expected, await StoredHashAsync(check.ServiceProvider.GetRequiredService<IBlobStore>(), file.BlobKey));
        Assert.True(peak < 16L * 1024 * 1024, $"Delivering held up to {peak / 1_048_576} MiB for a {Large.Size / 1_048_576} MiB upload.");
    }

    private static async Task<string> StoredHashAsync(IBlobStore blobs, string key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var hashing = new HashingStream(Stream.Null, hash))
        {
            Assert.True(await blobs.CopyToAsync(key, hashing, Ct));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
