using EfaGateway.Conformance.FitConnect.Scenarios;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>The conformance kit's FIT-Connect sender scenarios, run against the gateway itself.</summary>
public sealed class GatewayFitConnectScenarios : FitConnectSenderScenarios
{
    protected override async Task<ISenderUnderTest> CreateSenderAsync() => await GatewaySender.StartAsync();
}
