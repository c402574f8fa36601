using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;

namespace EfaGateway.Conformance.FitConnect.Tests.Support;

/// <summary>
/// A minimal sender written in the tests (token, raw API calls, JWE encryption with jose-jwt), independent of the
/// kit's own code, so that the fake is exercised by a second implementation.
/// </summary>
public sealed class TestSender(FakeZustelldienst fake, ClientCredentials? client = null) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fake.BaseUrl };
    private readonly ClientCredentials client = client ?? fake.Sender;
    private string? token;

    public HttpClient Http => http;

    public async Task<string> TokenAsync()
    {
        if (token is null)
        {
            using var response = await http.PostAsync(fake.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.ClientId,
                ["client_secret"] = client.ClientSecret,
            }), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
                .GetProperty("access_token").GetString();
        }

        return token!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> AnnounceAsync(string destinationId, IEnumerable<string> attachmentIds,
        string? serviceIdentifier = null, JsonObject? callback = null) =>
        SendAsync(HttpMethod.Post, "v1/submissions", Json(new JsonObject
        {
            ["destinationId"] = destinationId,
            ["announcedAttachments"] = new JsonArray([.. attachmentIds.Select(id => JsonValue.Create(id))]),
            ["serviceType"] = new JsonObject
            {
                ["name"] = "Demo-Leistung",
                ["identifier"] = serviceIdentifier ?? DestinationSetup.DemoService.Identifier,
            },
            ["callback"] = callback,
        }));

    public Task<HttpResponseMessage> UploadAsync(string submissionId, string attachmentId, string jwe, string contentType = "application/jose") =>
        SendAsync(HttpMethod.Put, $"v1/submissions/{submissionId}/attachments/{attachmentId}",
            new StringContent(jwe, Encoding.ASCII, contentType));

    public Task<HttpResponseMessage> SubmitAsync(string submissionId, string encryptedMetadata, string? encryptedData) =>
        SendAsync(HttpMethod.Put, $"v1/submissions/{submissionId}", Json(new JsonObject
        {
            ["encryptedMetadata"] = encryptedMetadata,
            ["encryptedData"] = encryptedData,
        }));

    /// <summary>Fetches the destination's current encryption JWK and encrypts for it (RSA-OAEP-256 / A256GCM, kid).</summary>
    public async Task<string> EncryptAsync(FakeDestination destination, byte[] plaintext, string? kid = null)
    {
        kid ??= (await GetJsonAsync($"v1/destinations/{destination.DestinationId}")).GetProperty("encryptionKid").GetString()!;
        var jwk = await GetJsonAsync($"v1/destinations/{destination.DestinationId}/keys/{kid}");
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64UrlDecode(jwk.GetProperty("n").GetString()!),
            Exponent = Base64UrlDecode(jwk.GetProperty("e").GetString()!),
        });
        return global::Jose.JWT.EncodeBytes(plaintext, rsa, global::Jose.JweAlgorithm.RSA_OAEP_256, global::Jose.JweEncryption.A256GCM,
            extraHeaders: new Dictionary<string, object> { ["kid"] = kid, ["cty"] = "application/json" });
    }

    public static string Sha512Hex(byte[] bytes) => Convert.ToHexStringLower(SHA512.HashData(bytes));

    public static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public void Dispose() => http.Dispose();
}
