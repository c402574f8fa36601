using EfaGateway.Conformance.Xta.Server;

namespace EfaGateway.Conformance.Xta.Tests.Support;

/// <summary>One fake per test class: injected behaviours and records stay within the class.</summary>
public sealed class FakeFixture : IAsyncLifetime
{
    public FakeXtaServer Fake { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Fake = await FakeXtaServer.StartAsync();

    public async ValueTask DisposeAsync() => await Fake.DisposeAsync();
}
