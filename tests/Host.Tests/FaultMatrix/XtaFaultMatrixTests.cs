using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Server;
using EfaGateway.Conformance.Xta.Soap;
using EfaGateway.Core.Pipeline;
using EfaGateway.Host.Api;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Tests.Api;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Transports.Xta;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FaultMatrix;

/// <summary>The calls the gateway's XTA Autor client makes for one application.</summary>
public enum XtaStep
{
    CreateMessageId,
    SendMessage,

    /// <summary>A retry after an attempt that may have sent already asks getTransportReport before sending again.</summary>
    TransportReportBeforeResend,
}

/// <summary>
/// The fault matrix for XTA 2 Version 3 through the whole gateway: every call of the Autor client × every fault, against
/// the fake XTA server over mutual TLS (its own fault hooks). Each case ends with the message sent exactly once and
/// confirmed, and the backoff visible in the delivery record. The transport-level XTA scenarios
/// (conformance-tests/Xta.Scenarios: XTA faults, refusals, lost answers) are not repeated here.
/// </summary>
public sealed class XtaFaultMatrixTests(MatrixGateway gateway) : IAsyncLifetime, IClassFixture<MatrixGateway>
{
    private const string Process = "bauantrag-vereinfacht";
    /// <summary>Short, so a timeout costs little; long enough that a loaded 2-core CI machine answers a slow call inside it.</summary>
    private const int RequestTimeoutSeconds = 4;

    /// <summary>Slow: late, but well inside the route's request timeout. Timeout: one second past it.</summary>
    private static readonly TimeSpan JustBelowTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JustBeyondTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds + 1);

    private static readonly string[] PersonalData = ["Hildegard", "Steinmetz", "Lindenallee", "Zirkel", "Oberschönwetter", "Lageplan"];

    private readonly GatewayFactory factory = gateway.Factory;
    private FakeXtaServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await FakeXtaServer.StartAsync(new FakeXtaServerOptions(), Ct);
        await SetRouteAsync();
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<XtaStep, MatrixFault> SendingCases()
    {
        var data = new TheoryData<XtaStep, MatrixFault>();
        foreach (var step in Enum.GetValues<XtaStep>())
        {
            foreach (var fault in Enum.GetValues<MatrixFault>())
            {
                data.Add(step, fault);
            }
        }

        return data;
    }

    public static TheoryData<MatrixFault> AllFaults() => [.. Enum.GetValues<MatrixFault>()];

    [Theory]
    [MemberData(nameof(SendingCases))]
    public async Task A_fault_at_an_XTA_step_is_retried_with_backoff_and_the_message_is_sent_once(XtaStep step, MatrixFault fault)
    {
        var reasons = new List<string>();
        if (step == XtaStep.TransportReportBeforeResend)
        {
            // The first attempt sent the message but lost the answer; the next one must ask before sending again.
            server.DropAnswerNext(XtaOperation.SendMessage);
            reasons.Add("sendMessage");
        }

        var operation = step switch
        {
            XtaStep.CreateMessageId => XtaOperation.CreateMessageId,
            XtaStep.SendMessage => XtaOperation.SendMessage,
            _ => XtaOperation.GetTransportReport,
        };
        Inject(operation, fault);
        if (fault != MatrixFault.Slow)
        {
            reasons.Add(NameOf(operation));
        }

        var driver = await SubmitAsync();
        var record = await driver.RunAsync();

        Assert.True(record.State == "Delivered", $"{record.State}: {record.LastError}");
        driver.AssertBackoff(reasons, PersonalData);
        Assert.Equal(Assert.Single(server.AcceptedMessageIds), record.ExternalIds[XtaIds.MessageId]);
        Assert.Equal("Confirmed", (await CheckReceiptAsync(driver, record.Id)).State);
        AssertClean();
    }

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_fault_while_reading_the_transport_report_delays_the_confirmation_but_does_not_lose_it(MatrixFault fault)
    {
        var driver = await SubmitAsync();
        var delivered = await driver.RunAsync();
        Assert.Equal("Delivered", delivered.State);
        Inject(XtaOperation.GetTransportReport, fault);

        var afterFault = await CheckReceiptAsync(driver, delivered.Id);
        var afterRecovery = await CheckReceiptAsync(driver, delivered.Id);

        // A receipt is polled, not retried: a failed poll leaves the delivery waiting, the next poll confirms it.
        Assert.Equal(fault == MatrixFault.Slow ? "Confirmed" : "Delivered", afterFault.State);
        Assert.Equal("Confirmed", afterRecovery.State);
        Assert.Equal(1, afterRecovery.Attempts);
        Assert.Single(server.AcceptedMessageIds);
        AssertClean();
    }

    [Theory]
    [InlineData(MatrixFault.ServerError)]
    [InlineData(MatrixFault.MalformedAnswer)]
    public async Task An_XTA_server_that_never_recovers_dead_letters_the_delivery_after_the_last_attempt_with_a_readable_reason(MatrixFault fault)
    {
        for (var attempt = 0; attempt < DeliveryDriver.MaxAttempts; attempt++)
        {
            Inject(XtaOperation.CreateMessageId, fault);
        }

        var driver = await SubmitAsync();
        var record = await driver.RunAsync();

        Assert.Equal("DeadLettered", record.State);
        Assert.Equal(DeliveryDriver.MaxAttempts, record.Attempts);
        Assert.Null(record.NextAttemptAt);
        Assert.StartsWith($"Gave up after {DeliveryDriver.MaxAttempts} attempts. Last error: The XTA call CreateMessageID", record.LastError, StringComparison.Ordinal);
        driver.AssertBackoff([.. Enumerable.Repeat("createMessageId", DeliveryDriver.MaxAttempts - 1)], PersonalData);
        Assert.Empty(server.AcceptedMessageIds);
        AssertClean();
    }

    [Fact]
    public async Task A_refusal_by_the_XTA_server_dead_letters_at_once_and_names_the_fault()
    {
        server.FailNext(XtaOperation.SendMessage, XtaFault.PermissionDenied());

        var driver = await SubmitAsync();
        var record = await driver.RunAsync();

        Assert.Equal("DeadLettered", record.State);
        Assert.Equal(1, record.Attempts);
        Assert.Contains("PermissionDenied", record.LastError, StringComparison.Ordinal);
        driver.AssertBackoff([], PersonalData);
        Assert.Empty(server.AcceptedMessageIds);
    }

    private void Inject(XtaOperation operation, MatrixFault fault)
    {
        switch (fault)
        {
            case MatrixFault.ServerError:
                server.HttpErrorNext(operation, (int)HttpStatusCode.ServiceUnavailable);
                break;
            case MatrixFault.Timeout:
                server.DelayNext(operation, JustBeyondTimeout);
                break;
            case MatrixFault.ConnectionReset:
                server.DropConnectionNext(operation);
                break;
            case MatrixFault.Slow:
                server.DelayNext(operation, JustBelowTimeout);
                break;
            default:
                server.MalformedAnswerNext(operation);
                break;
        }
    }

    private static string NameOf(XtaOperation operation) => operation switch
    {
        XtaOperation.CreateMessageId => "createMessageId",
        XtaOperation.SendMessage => "sendMessage",
        _ => "getTransportReport",
    };

    private async Task<DeliveryDriver> SubmitAsync()
    {
        using var citizen = factory.CreateClient();
        using var response = await citizen.PostAsJsonAsync($"/api/v1/tenants/{DemoApplication.Tenant}/processes/{Process}/submissions",
            XBauSubmissionTests.Request(), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(JsonSerializerOptions.Web, Ct))!;
        return new DeliveryDriver(factory, accepted.Id, DemoApplication.Tenant);
    }

    private async Task<DeliveryDto> CheckReceiptAsync(DeliveryDriver driver, Guid deliveryId)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().CheckNowAsync(deliveryId, Ct);
        }

        return await driver.ReadAsync();
    }

    /// <summary>Every request well formed, from the right account, and nothing the fake itself got wrong.</summary>
    private void AssertClean()
    {
        Assert.Empty(server.FakeErrors);
        Assert.All(server.Requests, r => Assert.True(r.WellFormed, $"{r.Operation}: {string.Join("; ", r.Problems)}"));
    }

    private async Task SetRouteAsync()
    {
        var reader = FakeXtaServerOptions.DemoReader;
        var routes = new JsonObject
        {
            ["routes"] = new JsonArray(new JsonObject
            {
                ["transport"] = "xta",
                ["mappers"] = new JsonArray("xbau-2.6", "pdf"),
                ["settings"] = new JsonObject
                {
                    ["managementUrl"] = server.ManagementPortUrl.ToString(),
                    ["sendUrl"] = server.SendXtaPortUrl.ToString(),
                    ["clientCertificate"] = Convert.ToBase64String(server.Author.ClientCertificatePkcs12),
                    ["clientCertificatePassword"] = server.Author.ClientCertificatePassword,
                    ["serverTrustAnchors"] = new JsonArray(server.TrustAnchorPem),
                    ["author"] = new JsonObject { ["identifier"] = server.Author.Party.Value, ["type"] = server.Author.Party.Type },
                    ["reader"] = new JsonObject { ["identifier"] = reader.Party.Value, ["type"] = reader.Party.Type },
                    ["service"] = reader.Services[0],
                    ["businessScenario"] = new JsonObject { ["code"] = "XBAU_DATA", ["listUri"] = "urn:de:dataport:codeliste:business.scenario", ["listVersionId"] = "1" },
                    ["messageType"] = new JsonObject { ["code"] = "0200", ["listUri"] = "urn:xoev-de:xbau:codeliste:xbau-nachrichten", ["listVersionId"] = "4.0", ["payloadSchema"] = "http://www.xleitstelle.de/xbau/2/6" },
                    ["requestTimeoutSeconds"] = RequestTimeoutSeconds,
                },
            }),
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<RouteConfiguration>().SetAsync(DemoApplication.Tenant, Process, routes.ToJsonString(), Ct);
        Assert.True(change.Routes is not null, string.Join(" ", change.Problems));
    }
}
