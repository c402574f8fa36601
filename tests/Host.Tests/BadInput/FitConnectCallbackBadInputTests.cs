using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Tests.Support;
using EfaGateway.Transports.FitConnect.Callbacks;
using Microsoft.Extensions.DependencyInjection;
using static EfaGateway.Host.Tests.BadInput.BadInputKit;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>A pending FIT-Connect delivery whose route has a callback secret (workers off: nothing but the callback touches it).</summary>
public sealed class FitConnectCallbackHost : IAsyncLifetime
{
    public const string Secret = "callback-geheimnis-0123456789abcdefghijkl";

    public GatewayFactory Factory { get; } = new();

    public Guid DeliveryId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var key = RSA.Create(2048);
        using var root = new CertificateRequest("CN=Bad Input Test Root", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Factory.Time.GetUtcNow().AddDays(-1), Factory.Time.GetUtcNow().AddYears(1));
        var routes = new JsonObject
        {
            ["routes"] = new JsonArray(new JsonObject
            {
                ["transport"] = "fit-connect",
                ["mappers"] = new JsonArray("fim-json", "pdf"),
                ["settings"] = new JsonObject
                {
                    ["environment"] = "test",
                    ["tokenUrl"] = "http://127.0.0.1:9/token",
                    ["submissionApiUrl"] = "http://127.0.0.1:9/",
                    ["clientId"] = "gateway",
                    ["clientSecret"] = "client-geheimnis",
                    ["destinationId"] = "2b1a8c3e-6a0e-4c76-9f3f-1a2b3c4d5e6f",
                    ["trustAnchors"] = new JsonArray(root.ExportCertificatePem()),
                    ["leikaKey"] = "99108008000000",
                    ["callbackUrl"] = "http://127.0.0.1:5080/api/v1/callbacks/fit-connect",
                    ["callbackSecret"] = Secret,
                },
            }),
        };
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var change = await scope.ServiceProvider.GetRequiredService<RouteConfiguration>()
                .SetAsync(DemoApplication.Tenant, DemoApplication.Process, routes.ToJsonString(), CancellationToken.None);
            Assert.True(change.Routes is not null, string.Join(" ", change.Problems));
        }

        using var client = Factory.CreateClient();
        var submission = await DemoApplication.SubmitAsync(client);
        await using var read = Factory.Services.CreateAsyncScope();
        DeliveryId = Assert.Single(await read.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(submission.Id, CancellationToken.None)).Id;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The FIT-Connect callback endpoint fed with malformed, oversized, mislabelled and doubly signed callbacks: a clear
/// 4xx ProblemDetails each time, and the delivery exactly as it was.
/// </summary>
public sealed class FitConnectCallbackBadInputTests(FitConnectCallbackHost host) : IClassFixture<FitConnectCallbackHost>
{
    private const string GoodBody = """{"type":"https://schema.fitko.de/fit-connect/submission-api/callbacks/new-events","submissionIds":[]}""";

    private GatewayFactory Factory => host.Factory;

    private string Now => Factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static TheoryData<string, string> MalformedSignedBodies => new()
    {
        { "truncated", "7B 22 74 79 70 65 22 3A" },
        { "not json", "6B 65 69 6E 20 4A 53 4F 4E" },
        { "invalid utf-8", "7B 22 74 79 70 65 22 3A 22 C3 28 22 7D" },
        { "overlong utf-8", "7B 22 74 79 70 65 22 3A 22 C0 AF 22 7D" },
        { "array", "5B 5D" },
        { "empty", string.Empty },
        { "duplicate member", "7B 22 74 79 70 65 22 3A 31 2C 22 74 79 70 65 22 3A 32 7D" },
        { "lone surrogate in a name", Convert.ToHexString("{\"\\ud800\":1,\"type\":2}"u8) },
    };

    [Theory]
    [MemberData(nameof(MalformedSignedBodies))]
    public async Task A_correctly_signed_callback_whose_body_is_not_a_json_object_is_refused_with_400(string what, string hex)
    {
        var before = await StateAsync();
        var body = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

        using var response = await PostAsync(body, "application/json", Signed(body));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(before == await StateAsync(), $"{what}: the delivery changed");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_correctly_signed_callback_that_is_not_declared_json_is_refused_with_415(string? contentType)
    {
        var before = await StateAsync();
        var body = Encoding.UTF8.GetBytes(GoodBody);

        using var response = await PostAsync(body, contentType, Signed(body));

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_huge_callback_is_refused_with_413_before_anything_else()
    {
        var before = await StateAsync();
        var body = Encoding.UTF8.GetBytes("{\"type\":\"" + new string('x', 1024 * 1024) + "\"}");

        using var response = await PostAsync(body, "application/json", Signed(body));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StateAsync());
    }

    public static TheoryData<string, string[], string[]> BadHeaders => new()
    {
        { "no headers", [], [] },
        { "timestamp only", ["now"], [] },
        { "signature only", [], ["good"] },
        { "two timestamps", ["now", "now"], ["good"] },
        { "two signatures", ["now"], ["good", "good"] },
        { "timestamp not a number", ["gestern"], ["good"] },
        { "stale timestamp", ["stale"], ["good"] },
        { "signature of another body", ["now"], ["other"] },
        { "signature not hex", ["now"], ["zz"] },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_callback_with_missing_duplicated_or_wrong_authentication_headers_is_refused_with_401(string what, string[] timestamps, string[] signatures)
    {
        var before = await StateAsync();
        var body = Encoding.UTF8.GetBytes(GoodBody);
        var stale = Factory.Time.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var ts = timestamps.Select(t => t switch { "now" => Now, "stale" => stale, _ => t }).ToArray();
        var signedWith = ts.FirstOrDefault() ?? Now;
        var auth = signatures.Select(s => s switch
        {
            "good" => CallbackSignature.Compute(FitConnectCallbackHost.Secret, signedWith, body),
            "other" => CallbackSignature.Compute(FitConnectCallbackHost.Secret, signedWith, "{}"u8),
            _ => s,
        }).ToArray();

        using var response = await PostAsync(body, "application/json", (ts, auth));

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(before == await StateAsync(), $"{what}: the delivery changed");
    }

    [Fact]
    public async Task After_the_sweep_a_good_callback_is_accepted_and_the_host_is_healthy()
    {
        var body = Encoding.UTF8.GetBytes(GoodBody);

        using var response = await PostAsync(body, "application/json", Signed(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await AssertHealthyAsync(Factory);
    }

    private (string[] Timestamps, string[] Signatures) Signed(byte[] body)
    {
        var now = Now;
        return ([now], [CallbackSignature.Compute(FitConnectCallbackHost.Secret, now, body)]);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType, (string[] Timestamps, string[] Signatures) headers)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/callbacks/fit-connect/{host.DeliveryId:D}") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var timestamp in headers.Timestamps)
        {
            request.Headers.TryAddWithoutValidation("callback-timestamp", timestamp);
        }

        foreach (var signature in headers.Signatures)
        {
            request.Headers.TryAddWithoutValidation("callback-authentication", signature);
        }

        return await client.SendAsync(request);
    }

    private async Task<(DeliveryState, int, DateTimeOffset?, string?, int)> StateAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var delivery = (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().FindAsync(host.DeliveryId, CancellationToken.None))!;
        return (delivery.State, delivery.AttemptCount, delivery.NextAttemptAt, delivery.LastError, delivery.Version);
    }
}
