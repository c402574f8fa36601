using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Scenarios;
using EfaGateway.Transports.FitConnect.Events;
using EfaGateway.Transports.FitConnect.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>
/// Interoperability with an independent JOSE implementation (npm jose under Node.js): it decrypts what the gateway
/// sent and checks every hash; it signs events that the gateway must accept, and a tampered one it must refuse.
/// </summary>
public sealed class JoseInteropTests : IAsyncLifetime
{
    private DirectFitConnect setup = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => setup = await DirectFitConnect.StartAsync();

    public async ValueTask DisposeAsync() => await setup.DisposeAsync();

    [Fact]
    public async Task Npm_jose_decrypts_every_part_the_gateway_sent_and_every_hash_matches()
    {
        var run = await setup.Sender.SendAsync(setup.Target, 5, Ct);
        var submission = setup.Fake.Submission((await setup.Sender.StatusAsync(run, Ct)).SubmissionId!)!;

        var answer = await NodeJose.RunAsync(new JsonObject
        {
            ["command"] = "decrypt",
            ["privateKeyPem"] = NodeJose.Pem(setup.Destination.CurrentEncryptionKey.Issued.PrivateKey),
            ["metadata"] = submission.EncryptedMetadata,
            ["data"] = submission.EncryptedData,
            ["attachments"] = new JsonObject([.. submission.UploadedAttachments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        }, Ct);

        Assert.Empty(NodeJose.Strings(answer["problems"]));
        Assert.Equal(6, answer["hashes"]!.GetValue<int>());
        var headers = NodeJose.Strings(answer["headers"]).Select(h => h!.AsObject()).ToList();
        Assert.Equal(7, headers.Count);
        Assert.All(headers, h =>
        {
            Assert.Equal("RSA-OAEP-256", h["alg"]!.GetValue<string>());
            Assert.Equal("A256GCM", h["enc"]!.GetValue<string>());
            Assert.Equal(setup.Destination.EncryptionKid, h["kid"]!.GetValue<string>());
        });
        Assert.Equal("application/json", headers.Single(h => h["name"]!.GetValue<string>() == "metadata")["cty"]!.GetValue<string>());
        Assert.Equal(5, headers.Count(h => h["cty"]!.GetValue<string>() == "application/pdf"));
    }

    [Fact]
    public async Task An_acceptance_signed_by_npm_jose_confirms_the_delivery()
    {
        var (run, caseId, token) = await SendAndSignAcceptanceAsync();

        Assert.Equal(204, (int)await PostEventAsync(caseId, token));

        Assert.Equal(SenderState.Confirmed, (await setup.Sender.CheckReceiptAsync(run, Ct)).State);
    }

    [Fact]
    public async Task An_acceptance_without_authentication_tags_from_an_older_subscriber_confirms_the_delivery()
    {
        var (run, caseId, token) = await SendAndSignAcceptanceAsync(withTags: false);

        Assert.Equal(204, (int)await PostEventAsync(caseId, token));

        Assert.Equal(SenderState.Confirmed, (await setup.Sender.CheckReceiptAsync(run, Ct)).State);
        Assert.Contains(setup.Sender.Factory.Logs.Lines, l => l.Contains("accepted without authentication tags", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_acceptance_is_refused_by_the_Zustelldienst_and_by_the_gateway()
    {
        var (run, caseId, token) = await SendAndSignAcceptanceAsync();
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        var forged = payload.Replace("\"iat\":", "\"iat\":1", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        // The fake Zustelldienst verifies what subscribers post, as the real one does …
        Assert.NotEqual(204, (int)await PostEventAsync(caseId, tampered));

        // … so the forgery is put into the event log the gateway reads, by a proxy that answers in the Zustelldienst's place.
        using var proxy = FaultProxy.Start();
        proxy.ForwardTo(setup.Fake.BaseUrl);
        var log = new JsonArray([.. setup.Fake.EventLog(caseId).Select(e => (JsonNode?)e), tampered]);
        proxy.Answer(FlowStep.Events, new JsonObject { ["eventLog"] = log }.ToJsonString());
        var proxied = setup.Target with { SubmissionApiUrl = proxy.Url, TokenUrl = new Uri(proxy.Url, "token") };
        await setup.Sender.SetRouteAsync(proxied, 1);

        // The event log as the gateway reads it: the forgery is refused for its signature and is no event.
        var settings = FitConnectRouteSettings.Read(GatewaySender.RouteFile(proxied, new Uri("http://127.0.0.1/"), 1)["routes"]![0]!["settings"]
            .Deserialize<JsonElement>()).Settings!;
        var submission = setup.Fake.Submission((await setup.Sender.StatusAsync(run, Ct)).SubmissionId!)!;
        var reader = setup.Sender.Factory.Services.GetRequiredService<EventLogReader>();
        var reading = await reader.ReadAsync(settings, Guid.Parse(submission.SubmissionId), Guid.Parse(caseId), Ct);
        for (var attempt = 1; reading.Failure is { IsTransient: true } && attempt < 3; attempt++)
        {
            // A transient answer (e.g. revocation status not reachable under load) means: ask again, as the poll would.
            reading = await reader.ReadAsync(settings, Guid.Parse(submission.SubmissionId), Guid.Parse(caseId), Ct);
        }

        Assert.True(reading.Failure is null, reading.Failure?.Reason);
        Assert.Contains(reading.Value!.Refused, r => r.Contains("its signature does not verify", StringComparison.Ordinal));
        Assert.DoesNotContain(reading.Value.Events, e => e.EventUri == FitConnectEvents.AcceptSubmission);
        Assert.Equal(SenderState.AwaitingReceipt, (await setup.Sender.CheckReceiptAsync(run, Ct)).State);
    }

    private async Task<(SenderRun Run, string CaseId, string Token)> SendAndSignAcceptanceAsync(bool withTags = true)
    {
        var run = await setup.Sender.SendAsync(setup.Target, 1, Ct);
        var submission = setup.Fake.Submission((await setup.Sender.StatusAsync(run, Ct)).SubmissionId!)!;
        static string Tag(string jwe) => jwe[(jwe.LastIndexOf('.') + 1)..];
        var payload = new JsonObject
        {
            ["$schema"] = "https://schema.fitko.de/fit-connect/set-payload/1.2.2/set-payload.schema.json",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = setup.Destination.DestinationId,
            ["iat"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["sub"] = $"submission:{submission.SubmissionId}",
            ["txn"] = $"case:{submission.CaseId}",
            ["events"] = new JsonObject
            {
                ["https://schema.fitko.de/fit-connect/events/accept-submission"] = withTags
                    ? new JsonObject
                    {
                        ["authenticationTags"] = new JsonObject
                        {
                            ["metadata"] = Tag(submission.EncryptedMetadata!),
                            ["data"] = Tag(submission.EncryptedData!),
                            ["attachments"] = new JsonObject([.. submission.UploadedAttachments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)Tag(a.Value)))]),
                        },
                    }
                    : new JsonObject(),
            },
        };
        var answer = await NodeJose.RunAsync(new JsonObject
        {
            ["command"] = "sign-set",
            ["privateKeyPem"] = NodeJose.Pem(setup.Destination.SignatureKey.Issued.PrivateKey),
            ["kid"] = setup.Destination.SignatureKey.Kid,
            ["payload"] = payload,
        }, Ct);
        return (run, submission.CaseId, NodeJose.Text(answer, "token"));
    }

    private async Task<System.Net.HttpStatusCode> PostEventAsync(string caseId, string token)
    {
        using var http = new HttpClient();
        using var tokenResponse = await http.PostAsync(setup.Fake.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = setup.Destination.SubscriberClient.ClientId,
            ["client_secret"] = setup.Destination.SubscriberClient.ClientSecret,
        }), Ct);
        var access = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>(Ct))!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(setup.Fake.BaseUrl, $"v1/cases/{caseId}/events"))
        {
            Content = new StringContent(token, Encoding.ASCII, new MediaTypeHeaderValue("application/jose")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
