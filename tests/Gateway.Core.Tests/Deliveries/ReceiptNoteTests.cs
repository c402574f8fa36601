using EfaGateway.Core.Deliveries;

namespace EfaGateway.Core.Tests.Deliveries;

/// <summary>The note a receipt check without a verdict leaves for operators: written only when it changes.</summary>
public sealed class ReceiptNoteTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions Retry = new() { JitterFraction = 0 };

    [Fact]
    public void A_new_note_is_recorded_with_its_time_and_bumps_the_version()
    {
        var delivery = Delivered();
        var before = delivery.Version;

        Assert.True(delivery.NoteReceiptCheck("Zustelldienst unreachable (HttpRequestException).", Now.AddMinutes(5)));

        Assert.Equal("Zustelldienst unreachable (HttpRequestException).", delivery.ReceiptNote);
        Assert.Equal(Now.AddMinutes(5), delivery.ReceiptCheckedAt);
        Assert.Equal(before + 1, delivery.Version);
    }

    [Fact]
    public void The_same_note_again_changes_nothing()
    {
        var delivery = Delivered();
        delivery.NoteReceiptCheck("down", Now.AddMinutes(5));
        var version = delivery.Version;

        Assert.False(delivery.NoteReceiptCheck("down", Now.AddMinutes(10)));

        Assert.Equal(version, delivery.Version);
        Assert.Equal(Now.AddMinutes(5), delivery.ReceiptCheckedAt);
    }

    [Fact]
    public void A_check_that_reaches_the_remote_end_without_a_verdict_clears_the_note()
    {
        var delivery = Delivered();
        Assert.False(delivery.NoteReceiptCheck(null, Now.AddMinutes(1)));
        delivery.NoteReceiptCheck("down", Now.AddMinutes(5));

        Assert.True(delivery.NoteReceiptCheck(null, Now.AddMinutes(10)));

        Assert.Null(delivery.ReceiptNote);
        Assert.Equal(Now.AddMinutes(10), delivery.ReceiptCheckedAt);
    }

    [Fact]
    public void A_confirmation_clears_the_note()
    {
        var delivery = Delivered();
        delivery.NoteReceiptCheck("down", Now.AddMinutes(5));

        delivery.Confirm(Now.AddHours(1));

        Assert.Null(delivery.ReceiptNote);
        Assert.Null(delivery.ReceiptCheckedAt);
    }

    [Fact]
    public void A_rejection_clears_the_note_and_keeps_its_reason_as_the_last_error()
    {
        var delivery = Delivered();
        delivery.NoteReceiptCheck("down", Now.AddMinutes(5));

        delivery.Reject("Rejected by the destination.", Now.AddHours(1));

        Assert.Null(delivery.ReceiptNote);
        Assert.Equal("Rejected by the destination.", delivery.LastError);
    }

    [Fact]
    public void A_long_note_is_cut_to_the_column_length()
    {
        var delivery = Delivered();

        delivery.NoteReceiptCheck(new string('x', Delivery.ReceiptNoteMaxLength + 500), Now);

        Assert.Equal(Delivery.ReceiptNoteMaxLength, delivery.ReceiptNote!.Length);
        Assert.EndsWith("…", delivery.ReceiptNote, StringComparison.Ordinal);
        Assert.False(delivery.NoteReceiptCheck(new string('x', Delivery.ReceiptNoteMaxLength + 500), Now.AddMinutes(1)));
    }

    [Fact]
    public void Noting_a_check_on_a_delivery_that_awaits_no_receipt_throws()
    {
        var pending = DeliveryTransitionTests.NewDelivery();
        var confirmed = Delivered();
        confirmed.Confirm(Now);

        Assert.Throws<InvalidOperationException>(() => pending.NoteReceiptCheck("down", Now));
        Assert.Throws<InvalidOperationException>(() => confirmed.NoteReceiptCheck(null, Now));
    }

    private static Delivery Delivered()
    {
        var delivery = DeliveryTransitionTests.NewDelivery();
        delivery.Claim("w1", Now, TimeSpan.FromMinutes(1));
        delivery.Apply(DeliveryOutcome.Succeeded(awaitsReceipt: true), Now, Retry, 0);
        return delivery;
    }
}
