using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EfaGateway.Conformance.FitConnect.Tests;

public sealed class TokenEndpointTests(SharedFake shared)
{
    private static FormUrlEncodedContent Form(string grant, string id, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = grant,
        ["client_id"] = id,
        ["client_secret"] = secret,
    });

    [Fact]
    public async Task Client_credentials_of_the_sender_get_a_bearer_token_valid_for_thirty_minutes()
    {
        using var http = new HttpClient();
        var before = shared.Fake.TokenRequestCount;

        using var response = await http.PostAsync(shared.Fake.TokenUrl,
            Form("client_credentials", shared.Fake.Sender.ClientId, shared.Fake.Sender.ClientSecret), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(1800, token.GetProperty("expires_in").GetInt32());
        Assert.True(token.GetProperty("access_token").GetString()!.Length >= 32);
        Assert.True(shared.Fake.TokenRequestCount > before);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_401_invalid_client()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(shared.Fake.TokenUrl,
            Form("client_credentials", shared.Fake.Sender.ClientId, "wrong"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Another_grant_type_is_refused_with_400_unsupported_grant_type()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(shared.Fake.TokenUrl,
            Form("password", shared.Fake.Sender.ClientId, shared.Fake.Sender.ClientSecret), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("unsupported_grant_type", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Http_basic_client_authentication_is_refused_like_the_fitko_token_endpoint_unless_enabled()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, shared.Fake.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{shared.Fake.Sender.ClientId}:{shared.Fake.Sender.ClientSecret}")));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_answered_with_401_and_www_authenticate_invalid_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var fake = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions { TimeProvider = time, TokenLifetime = TimeSpan.FromMinutes(5) },
            TestContext.Current.CancellationToken);
        using var sender = new TestSender(fake);
        var path = $"v1/destinations/{fake.DemoDestination!.DestinationId}";
        using (var fresh = await sender.SendAsync(HttpMethod.Get, path))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(5));
        using var expired = await sender.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Expiring_all_tokens_forces_a_refresh_in_the_middle_of_a_flow()
    {
        await using var fake = await FakeZustelldienst.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var sender = new TestSender(fake);
        var path = $"v1/destinations/{fake.DemoDestination!.DestinationId}";
        using (await sender.SendAsync(HttpMethod.Get, path))
        {
        }

        fake.ExpireAllTokens();
        using var response = await sender.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, fake.TokenRequestCount);
    }

    [Fact]
    public async Task A_call_without_token_is_401_and_a_sender_on_a_subscriber_call_is_403()
    {
        using var anonymous = new HttpClient { BaseAddress = shared.Fake.BaseUrl };
        using var sender = new TestSender(shared.Fake);

        using var withoutToken = await anonymous.GetAsync($"v1/destinations/{shared.Fake.DemoDestination!.DestinationId}", TestContext.Current.CancellationToken);
        using var wrongRole = await sender.SendAsync(HttpMethod.Get, $"v1/submissions?destinationId={shared.Fake.DemoDestination.DestinationId}");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", withoutToken.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
    }
}
