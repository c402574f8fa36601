using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Transports.FitConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// The gateway as the FIT-Connect sender of the scenario suite: the real host on Kestrel (so the fake Zustelldienst
/// can call back), a FIT-Connect route set through <see cref="RouteConfiguration"/>, applications submitted through
/// the API, and the delivery worker and receipt poller driven step by step on the host's clock.
/// </summary>
public sealed class GatewaySender : ISenderUnderTest
{
    public const string Process = "hundesteuer-fit-connect";
    public const string Leika = "99108008000000";
    public const string Schema = "https://schema.fitko.de/fim/s99000000001_1.0.schema.json";
    private const string Secret = "callback-geheimnis-0123456789-abcdefghijklmnop";

    private readonly GatewayFactory factory;
    private readonly Uri address;

    private GatewaySender(GatewayFactory factory, Uri address)
    {
        this.factory = factory;
        this.address = address;
    }

    public string LeikaKey => Leika;

    public string SchemaUri => Schema;

    public string? CallbackSecret => Secret;

    public GatewayFactory Factory => factory;

    public static async Task<GatewaySender> StartAsync(Action<IServiceCollection>? configureServices = null)
    {
        var factory = new GatewayFactory(configureServices: configureServices);
        factory.UseKestrel(0);
        factory.StartServer();
        // Certificates and CRLs of the test PKI are issued on the real clock; the host's clock starts there too.
        factory.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        var json = Definition();
        await catalog.AddProcessDefinitionAsync(ProcessDefinitionJson.Parse(json), json, CancellationToken.None);
        await catalog.EnableProcessAsync(DemoApplication.Tenant, Process, "1.0.0",
            [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf"] }], 90, CancellationToken.None);
        return new GatewaySender(factory, address);
    }

    public async Task<SenderRun> SendAsync(SenderTarget target, int attachments, CancellationToken cancellationToken)
    {
        await SetRouteAsync(target, attachments);
        using var client = factory.CreateClient();
        var request = DemoApplication.Request(withAttachment: false);
        if (attachments > 1)
        {
            request["attachments"] = new JsonArray([.. Enumerable.Range(1, attachments - 1).Select(Upload)]);
        }

        using var response = await client.PostAsJsonAsync($"/api/v1/tenants/{DemoApplication.Tenant}/processes/{Process}/submissions", request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        var submission = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(cancellationToken))!;

        await using var scope = factory.Services.CreateAsyncScope();
        var deliveries = scope.ServiceProvider.GetRequiredService<IDeliveryStore>();
        var delivery = Assert.Single(await deliveries.ListForSubmissionAsync(submission.Id, cancellationToken));
        for (var round = 0; round < 12; round++)
        {
            await factory.DeliverDueAsync();
            delivery = (await deliveries.FindAsync(delivery.Id, cancellationToken))!;
            if (delivery.State != DeliveryState.Retrying)
            {
                break;
            }

            await AssertBackoffVisibleAsync(submission.Id, round + 1, cancellationToken);
            factory.Time.SetUtcNow(delivery.NextAttemptAt!.Value);
        }

        return new SenderRun(delivery.Id.ToString("D"), attachments);
    }

    /// <summary>
    /// The fault matrix's check on every retry: the status API shows the attempts so far, a readable last error without
    /// personal data, and the next attempt base·2^(n−1) from now, capped (the host's jitter is off; a Retry-After of the
    /// Zustelldienst is shorter than the base delay).
    /// </summary>
    private async Task AssertBackoffVisibleAsync(Guid submissionId, int attempts, CancellationToken cancellationToken)
    {
        using var client = factory.CreateClient();
        var status = await client.GetFromJsonAsync<EfaGateway.Host.Api.SubmissionStatusDto>($"/api/v1/tenants/{DemoApplication.Tenant}/submissions/{submissionId}",
            JsonSerializerOptions.Web, cancellationToken);
        var record = Assert.Single(status!.Deliveries);
        Assert.Equal(attempts, record.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(record.LastError), "A retry without a reason in the delivery record.");
        Assert.All(DemoApplication.Distinctive, value => Assert.DoesNotContain(value, record.LastError, StringComparison.OrdinalIgnoreCase));
        var retry = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetryOptions>>().Value;
        var expected = TimeSpan.FromTicks(Math.Min((retry.BaseDelay * Math.Pow(2, attempts - 1)).Ticks, retry.MaxDelay.Ticks));
        Assert.Equal(expected, record.NextAttemptAt!.Value - factory.Time.GetUtcNow());
    }

    public async Task<SenderStatus> StatusAsync(SenderRun run, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var delivery = (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().FindAsync(Guid.Parse(run.Id, CultureInfo.InvariantCulture), cancellationToken))!;
        var state = delivery.State switch
        {
            DeliveryState.Delivered => SenderState.AwaitingReceipt,
            DeliveryState.Confirmed => SenderState.Confirmed,
            DeliveryState.DeadLettered => SenderState.Failed,
            _ => SenderState.Delivering,
        };
        return new SenderStatus(state, delivery.LastError, delivery.ExternalIds.GetValueOrDefault(FitConnectIds.SubmissionId));
    }

    public async Task<Delivery> DeliveryAsync(SenderRun run)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().FindAsync(Guid.Parse(run.Id, CultureInfo.InvariantCulture), CancellationToken.None))!;
    }

    public async Task<SenderStatus> CheckReceiptAsync(SenderRun run, CancellationToken cancellationToken)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceiptPoller>().CheckNowAsync(Guid.Parse(run.Id, CultureInfo.InvariantCulture), cancellationToken);
        }

        return await StatusAsync(run, cancellationToken);
    }

    public Uri? CallbackUrl(SenderRun run) => new(address, $"/api/v1/callbacks/fit-connect/{run.Id}");

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    /// <summary>The route as an operator would write it for <c>route set</c>.</summary>
    public static JsonObject RouteFile(SenderTarget target, Uri callbackBase, int attachments) => new()
    {
        ["routes"] = new JsonArray(new JsonObject
        {
            ["transport"] = "fit-connect",
            // No PDF when no attachment is wanted: then the data travels alone.
            ["mappers"] = attachments == 0 ? new JsonArray("fim-json") : new JsonArray("fim-json", "pdf"),
            ["settings"] = new JsonObject
            {
                ["environment"] = "test",
                ["tokenUrl"] = target.TokenUrl.ToString(),
                ["submissionApiUrl"] = target.SubmissionApiUrl.ToString(),
                ["clientId"] = target.Client.ClientId,
                ["clientSecret"] = target.Client.ClientSecret,
                ["destinationId"] = target.DestinationId,
                ["trustAnchors"] = new JsonArray(target.TrustAnchorPem),
                ["checkRevocation"] = true,
                ["callbackUrl"] = new Uri(callbackBase, "/api/v1/callbacks/fit-connect").ToString(),
                ["callbackSecret"] = Secret,
                ["requestTimeoutSeconds"] = 2,
            },
        }),
    };

    public async Task SetRouteAsync(SenderTarget target, int attachments)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<RouteConfiguration>()
            .SetAsync(DemoApplication.Tenant, Process, RouteFile(target, address, attachments).ToJsonString(), CancellationToken.None);
        Assert.True(change.Routes is not null, string.Join(" ", change.Problems));
    }

    private static JsonObject Upload(int number) => new()
    {
        ["field"] = "nachweis",
        ["fileName"] = $"nachweis-{number}.pdf",
        ["mediaType"] = "application/pdf",
        ["content"] = Convert.ToBase64String(Encoding.ASCII.GetBytes($"%PDF-1.4\n% Nachweis {number}\n%%EOF")),
    };

    /// <summary>The demo process as a FIM-imported one would be: with LeiKa key and Stammdatenschema.</summary>
    public static string Definition()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "processes", "hundesteuer-anmeldung.json")))!.AsObject();
        definition.Remove("$schema");
        definition["id"] = Process;
        definition["leika"] = Leika;
        definition["fim"] = new JsonObject { ["schemaId"] = "S99000000001", ["version"] = "1.0" };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
