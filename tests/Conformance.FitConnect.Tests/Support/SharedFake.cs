using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Tests.Support;

[assembly: AssemblyFixture(typeof(SharedFake))]

namespace EfaGateway.Conformance.FitConnect.Tests.Support;

/// <summary>
/// One fake Zustelldienst for the whole test run (its RSA-4096 keys take seconds to make). Tests that change global
/// state (token lifetime, expiry) start their own fake; the others add their own destinations to this one.
/// </summary>
public sealed class SharedFake : IAsyncLifetime
{
    public FakeZustelldienst Fake { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Fake = await FakeZustelldienst.StartAsync();

    public async ValueTask DisposeAsync() => await Fake.DisposeAsync();
}
