using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Subscriber;
using Xunit;

namespace EfaGateway.Conformance.FitConnect.Scenarios;

public abstract partial class FitConnectSenderScenarios
{
    [Fact]
    public async Task An_authentic_callback_makes_the_sender_read_its_receipt_at_once()
    {
        var run = await Sender.SendAsync(Target(), 1, Ct);
        Assert.NotNull(Sender.CallbackUrl(run));

        AssertAccepted(Assert.Single(await Subscriber.ProcessPendingAsync(Ct)));

        var status = await WaitForAsync(run, s => s.State != SenderState.AwaitingReceipt);
        Assert.Equal(SenderState.Confirmed, status.State);
        Assert.Contains(Fake.Callbacks.Attempts, a => a.Delivery.Url == Sender.CallbackUrl(run) && a.Status is >= 200 and < 300);
    }

    [Fact]
    public async Task A_callback_with_a_wrong_HMAC_is_refused_and_changes_nothing()
    {
        Fake.Callbacks.Tamper = delivery => delivery with { Authentication = new string('0', 128) };
        await AssertRefusedCallbackAsync();
    }

    [Fact]
    public async Task A_callback_with_an_old_timestamp_is_refused_even_when_signed_correctly()
    {
        Fake.Callbacks.Tamper = delivery =>
        {
            var old = (long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture) - 6 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return delivery with { Timestamp = old, Authentication = CallbackDispatcher.Authenticate(Sender.CallbackSecret!, old, delivery.Body) };
        };
        await AssertRefusedCallbackAsync();
    }

    private async Task AssertRefusedCallbackAsync()
    {
        var run = await Sender.SendAsync(Target(), 1, Ct);
        AssertAccepted(Assert.Single(await Subscriber.ProcessPendingAsync(Ct)));

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (!Fake.Callbacks.Attempts.Any(a => a.Delivery.Url == Sender.CallbackUrl(run) && a.Status is not null) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Contains(Fake.Callbacks.Attempts, a => a.Delivery.Url == Sender.CallbackUrl(run) && a.Status == 401);
        Assert.DoesNotContain(Fake.Callbacks.Attempts, a => a.Delivery.Url == Sender.CallbackUrl(run) && a.Status is >= 200 and < 300);
        Assert.Equal(SenderState.AwaitingReceipt, (await Sender.StatusAsync(run, Ct)).State);

        // Polling still finds the verdict: a refused callback loses nothing.
        Assert.Equal(SenderState.Confirmed, (await Sender.CheckReceiptAsync(run, Ct)).State);
    }

    private async Task<SenderStatus> WaitForAsync(SenderRun run, Func<SenderStatus, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            var status = await Sender.StatusAsync(run, Ct);
            if (done(status) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return status;
            }

            await Task.Delay(100, Ct);
        }
    }
}
