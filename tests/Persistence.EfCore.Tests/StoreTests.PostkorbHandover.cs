using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    [Fact]
    public async Task A_postkorb_handover_saves_the_item_together_with_the_confirmed_outcome()
    {
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission, transportId: "postkorb")], Ct);
        var claimed = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;
        var item = TestData.PostkorbItem(submission.Id, TestData.Now);

        claimed.Apply(DeliveryOutcome.IntoPostkorb(item), TestData.Now, new RetryOptions(), 0.5);
        await Deliveries.SaveWithPostkorbItemAsync(claimed, item, Ct);

        Assert.Equal(DeliveryState.Confirmed, (await Deliveries.FindAsync(claimed.Id, Ct))?.State);
        var stored = await Postkorb.FindAsync(item.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(item.Files.Select(f => f.BlobKey), stored.Files.Select(f => f.BlobKey));
    }

    [Fact]
    public async Task A_postkorb_handover_that_lost_a_race_for_its_delivery_adds_no_item()
    {
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission, transportId: "postkorb")], Ct);
        var mine = (await Deliveries.ClaimNextDueAsync("worker-a", TestData.Now, Lease, Ct))!;
        // Meanwhile the lease was swept and the delivery handed on: the row is no longer the one this worker read.
        var theirs = (await Deliveries.FindAsync(mine.Id, Ct))!;
        theirs.ReleaseExpiredLease(TestData.Now + Lease, new RetryOptions(), 0.5);
        await Deliveries.SaveAsync(theirs, Ct);
        var item = TestData.PostkorbItem(submission.Id, TestData.Now);
        mine.Apply(DeliveryOutcome.IntoPostkorb(item), TestData.Now, new RetryOptions(), 0.5);

        await Assert.ThrowsAsync<DeliveryConflictException>(() => Deliveries.SaveWithPostkorbItemAsync(mine, item, Ct));

        Assert.Null(await Postkorb.FindAsync(item.Id, Ct));
        Assert.NotEqual(DeliveryState.Confirmed, (await Deliveries.FindAsync(mine.Id, Ct))?.State);
    }
}
