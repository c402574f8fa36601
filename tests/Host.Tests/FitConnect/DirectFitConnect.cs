using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Conformance.FitConnect.Subscriber;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>The gateway sending straight to a fake Zustelldienst (no proxy), with a destination for its service.</summary>
public sealed class DirectFitConnect : IAsyncDisposable
{
    private DirectFitConnect(FakeZustelldienst fake, GatewaySender sender, FakeDestination destination)
    {
        Fake = fake;
        Sender = sender;
        Destination = destination;
    }

    public FakeZustelldienst Fake { get; }

    public GatewaySender Sender { get; }

    public FakeDestination Destination { get; }

    public SenderTarget Target => new(Fake.TokenUrl, Fake.BaseUrl, Fake.Sender, Destination.DestinationId, Fake.TrustAnchorPem, Sender.LeikaKey);

    public static async Task<DirectFitConnect> StartAsync(Action<IServiceCollection>? configureServices = null, FakeZustelldienstOptions? fakeOptions = null)
    {
        var fake = await FakeZustelldienst.StartAsync((fakeOptions ?? new FakeZustelldienstOptions()) with { CreateDemoDestination = false },
            TestContext.Current.CancellationToken);
        // Tests here move the gateway's clock days ahead; its revocation check must find the CRLs still current then.
        fake.Pki.CrlValidity = TimeSpan.FromDays(30);
        var sender = await GatewaySender.StartAsync(configureServices);
        var destination = fake.AddDestination(new DestinationSetup
        {
            Services = [new DestinationService(DestinationService.LeikaIdentifier(sender.LeikaKey), [new SubmissionSchema(sender.SchemaUri, "application/json")], ["DE"])],
            MetadataVersions = ["1.0.0", "2.0.0", "2.1.0"],
        });
        return new DirectFitConnect(fake, sender, destination);
    }

    public ReferenceSubscriber Subscriber() => new(SubscriberConnection.For(Fake, Destination));

    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
