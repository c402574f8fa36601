using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>
/// One in-memory host for all cases of a matrix class (starting a host costs seconds; a case costs one submission).
/// Each case submits its own application and reads only its own delivery; the clock only moves forward.
/// </summary>
public sealed class MatrixGateway : IDisposable
{
    public GatewayFactory Factory { get; } = new(DeliveryDriver.RetrySettings());

    public void Dispose() => Factory.Dispose();
}
