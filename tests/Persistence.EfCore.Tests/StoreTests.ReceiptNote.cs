using EfaGateway.Core.Deliveries;

namespace EfaGateway.Persistence.Tests;

public abstract partial class StoreTests
{
    [Fact]
    public async Task A_receipt_note_of_full_length_and_its_time_round_trip()
    {
        var submission = TestData.Submission();
        await Submissions.AddAsync(submission, [TestData.Delivery(submission)], Ct);
        var store = Deliveries;
        var delivery = (await store.ClaimNextDueAsync("worker-a", TestData.Now, TimeSpan.FromMinutes(5), Ct))!;
        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), TestData.Now, TestData.Retry, 0);
        await store.SaveAsync(delivery, Ct);

        // The longest note the domain keeps must fit the column on every provider.
        delivery.NoteReceiptCheck(new string('ü', Delivery.ReceiptNoteMaxLength + 10), TestData.Now.AddMinutes(5));
        await store.SaveAsync(delivery, Ct);

        var stored = (await Deliveries.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(delivery.ReceiptNote, stored.ReceiptNote);
        Assert.Equal(Delivery.ReceiptNoteMaxLength, stored.ReceiptNote!.Length);
        Assert.Equal(TestData.Now.AddMinutes(5), stored.ReceiptCheckedAt);
        Assert.Equal(delivery.Version, stored.Version);
    }
}
