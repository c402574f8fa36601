using EfaGateway.Core.Ports;

namespace EfaGateway.Core.Tests.Deliveries;

/// <summary>An artifact in memory and a streamed one read the same way through CopyToAsync; only the streamed one holds nothing.</summary>
public sealed class DeliveryArtifactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_streamed_artifact_holds_no_content_and_writes_it_each_time_it_is_copied()
    {
        var calls = 0;
        var artifact = DeliveryArtifact.Streamed("anlage", "a.pdf", "application/pdf", 3, async (destination, ct) =>
        {
            calls++;
            await destination.WriteAsync(new byte[] { 1, 2, 3 }, ct);
        });

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        await artifact.CopyToAsync(first, Ct);
        await artifact.CopyToAsync(second, Ct);

        Assert.True(artifact.IsStreamed);
        Assert.True(artifact.Content.IsEmpty);
        Assert.Equal(3, artifact.Length);
        Assert.Equal(2, calls);
        Assert.Equal([1, 2, 3], first.ToArray());
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task An_artifact_in_memory_copies_its_content()
    {
        var artifact = new DeliveryArtifact("xml", "a.xml", "application/xml", new byte[] { 7, 8 });
        using var copy = new MemoryStream();

        await artifact.CopyToAsync(copy, Ct);

        Assert.False(artifact.IsStreamed);
        Assert.Equal(2, artifact.Length);
        Assert.Equal([7, 8], copy.ToArray());
    }
}
