using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Subscriber;
using Xunit;

namespace EfaGateway.Conformance.FitConnect.Scenarios;

/// <summary>
/// The FIT-Connect sender scenarios. Derive, implement <see cref="CreateSenderAsync"/>, and every scenario runs
/// against your sender: a fresh fake Zustelldienst behind a fault-injecting proxy, one destination offering your
/// service, and the reference subscriber deciding. After every scenario nothing may have been announced or submitted
/// twice.
/// </summary>
public abstract partial class FitConnectSenderScenarios : IAsyncLifetime
{
    private FakeZustelldienst? fake;
    private FaultProxy? proxy;
    private ISenderUnderTest? sender;
    private ReferenceSubscriber? subscriber;

    protected FakeZustelldienst Fake => fake ?? throw new InvalidOperationException("Not initialised.");

    protected FaultProxy Proxy => proxy ?? throw new InvalidOperationException("Not initialised.");

    protected ISenderUnderTest Sender => sender ?? throw new InvalidOperationException("Not initialised.");

    protected ReferenceSubscriber Subscriber => subscriber ?? throw new InvalidOperationException("Not initialised.");

    protected FakeDestination Destination { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The sender under test, configured to use a request timeout well below <see cref="FaultProxy.StallFor"/>.</summary>
    protected abstract Task<ISenderUnderTest> CreateSenderAsync();

    public async ValueTask InitializeAsync()
    {
        proxy = FaultProxy.Start();
        // The fake publishes itself under the proxy's address (as behind a reverse proxy): events name it as issuer.
        fake = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions { CreateDemoDestination = false, PublicBaseUrl = proxy.Url }, Ct);
        proxy.ForwardTo(fake.BaseUrl);
        sender = await CreateSenderAsync();
        Destination = fake.AddDestination(new DestinationSetup
        {
            Services = [new DestinationService(DestinationService.LeikaIdentifier(sender.LeikaKey), [new SubmissionSchema(sender.SchemaUri, "application/json")], ["DE"])],
            MetadataVersions = ["1.0.0", "2.0.0", "2.1.0"],
        });
        RenewSubscriber();
    }

    /// <summary>A subscriber holding the destination's current keys (after a rotation, the new one too).</summary>
    protected void RenewSubscriber()
    {
        subscriber?.Dispose();
        // The subscriber reaches the Zustelldienst under the same public address as the sender (and checks the issuer).
        subscriber = new ReferenceSubscriber(SubscriberConnection.For(Fake, Destination) with { ApiBaseUrl = Proxy.Url, TokenUrl = new Uri(Proxy.Url, "token") });
    }

    public async ValueTask DisposeAsync()
    {
        subscriber?.Dispose();
        if (sender is not null)
        {
            await sender.DisposeAsync();
        }

        if (fake is not null)
        {
            await fake.DisposeAsync();
        }

        proxy?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected SenderTarget Target() => new(new Uri(Proxy.Url, "token"), Proxy.Url, Fake.Sender, Destination.DestinationId, Fake.TrustAnchorPem,
        Sender.LeikaKey);

    /// <summary>Sends, lets the reference subscriber decide, lets the sender read its receipt.</summary>
    protected async Task<(SenderRun Run, SenderStatus Status, SubscriberReport Report)> SendAndDecideAsync(int attachments)
    {
        var run = await Sender.SendAsync(Target(), attachments, Ct);
        var handedOver = await Sender.StatusAsync(run, Ct);
        Assert.True(handedOver.State == SenderState.AwaitingReceipt, $"Expected the sender to await the receipt, but it is {handedOver.State}: {handedOver.Reason}");
        var report = Assert.Single(await Subscriber.ProcessPendingAsync(Ct));
        Assert.True(report.EventAccepted, $"The Zustelldienst refused the subscriber's event (HTTP {report.EventPostStatus}).");
        return (run, await Sender.CheckReceiptAsync(run, Ct), report);
    }

    protected static void AssertAccepted(SubscriberReport report) =>
        Assert.True(report.Verdict == SubscriberVerdict.Accepted,
            "The reference subscriber rejected the submission: " + string.Join("; ", report.Problems.Select(p => $"{p.Type} ({p.Instance}): {p.Detail}")));

    /// <summary>Nothing announced twice, nothing submitted twice, and the subscriber saw each submission once.</summary>
    protected void AssertNoDuplicates(int applications = 1)
    {
        var announced = Fake.Announces.Where(a => a.Status == 201).ToList();
        Assert.Equal(applications, announced.Count);
        var submitted = Fake.Submits.Where(s => s.Status is >= 200 and < 300).ToList();
        Assert.Equal(applications, submitted.Count);
        Assert.Equal(applications, submitted.Select(s => s.SubmissionId).Distinct(StringComparer.Ordinal).Count());
    }
}
