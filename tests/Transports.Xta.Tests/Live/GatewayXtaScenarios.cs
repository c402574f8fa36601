using EfaGateway.Conformance.Xta.Scenarios;

namespace EfaGateway.Transports.Xta.Tests.Live;

/// <summary>The conformance kit's XTA sender scenarios, run against the gateway's XTA transport.</summary>
public sealed class GatewayXtaScenarios : XtaSenderScenarios
{
    protected override Task<IXtaSenderUnderTest> CreateSenderAsync() => Task.FromResult<IXtaSenderUnderTest>(new GatewayXtaSender());
}
