using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.BadInput;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Api;

/// <summary>
/// The submission API's <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header): a client that lost the
/// answer retries with the same key and gets the first answer, never a second application.
/// </summary>
public sealed class IdempotencyKeyTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_only_one_application_is_stored()
    {
        using var client = factory.CreateClient();
        var before = await BadInputKit.SnapshotAsync(factory);

        using var first = await SubmitAsync(client, "\"retry-1\"", DemoApplication.Request());
        using var second = await SubmitAsync(client, "\"retry-1\"", DemoApplication.Request());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var after = await BadInputKit.SnapshotAsync(factory);
        Assert.Equal(before.Submissions + 1, after.Submissions);
        Assert.Equal(1, await factory.DeliverDueAsync());
    }

    [Fact]
    public async Task A_retry_whose_json_is_written_differently_is_still_the_same_request()
    {
        using var client = factory.CreateClient();
        var data = DemoApplication.Data();
        var reordered = new JsonObject(data.Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone())).Reverse());

        using var first = await SubmitAsync(client, "order", DemoApplication.Request(data));
        using var second = await SubmitAsync(client, "order", DemoApplication.Request(reordered));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task The_quoted_and_the_bare_form_of_a_key_are_the_same_key()
    {
        using var client = factory.CreateClient();

        using var quoted = await SubmitAsync(client, "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", DemoApplication.Request());
        using var bare = await SubmitAsync(client, "8e03978e-40d5-43e8-bc93-6894a57f9324", DemoApplication.Request());

        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        Assert.Equal(quoted.Headers.Location, bare.Headers.Location);
    }

    [Fact]
    public async Task A_key_used_for_different_content_is_refused_with_422_and_nothing_is_stored()
    {
        using var client = factory.CreateClient();
        using var first = await SubmitAsync(client, "\"reused\"", DemoApplication.Request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await BadInputKit.SnapshotAsync(factory);
        var otherDog = DemoApplication.Data();
        otherDog["hundename"] = "Bello";

        using var second = await SubmitAsync(client, "\"reused\"", DemoApplication.Request(otherDog));
        using var withoutFile = await SubmitAsync(client, "\"reused\"", DemoApplication.Request(withAttachment: false));

        var problem = await BadInputKit.ProblemAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await BadInputKit.ProblemAsync(withoutFile, HttpStatusCode.UnprocessableEntity);
        await BadInputKit.AssertUnchangedAsync(factory, before);
    }

    [Fact]
    public async Task Requests_without_a_key_are_never_taken_for_retries()
    {
        using var client = factory.CreateClient();

        using var first = await SubmitAsync(client, null, DemoApplication.Request());
        using var second = await SubmitAsync(client, null, DemoApplication.Request());

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\escape\"")]
    [InlineData("\"inner\"quote\"")]
    [InlineData("with space")]
    [InlineData("a,b")]
    [InlineData("\"tab\there\"")]
    public async Task A_malformed_key_is_refused_with_400_and_nothing_is_stored(string key)
    {
        using var client = factory.CreateClient();
        var before = await BadInputKit.SnapshotAsync(factory);

        using var response = await SubmitAsync(client, key, DemoApplication.Request());

        var problem = await BadInputKit.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await BadInputKit.AssertUnchangedAsync(factory, before);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_or_sent_twice_is_refused()
    {
        using var client = factory.CreateClient();
        var before = await BadInputKit.SnapshotAsync(factory);

        using var longest = await SubmitAsync(client, new string('k', 255), DemoApplication.Request());
        using var tooLong = await SubmitAsync(client, new string('k', 256), DemoApplication.Request());
        using var twice = new HttpRequestMessage(HttpMethod.Post, DemoApplication.SubmitPath) { Content = JsonContent.Create(DemoApplication.Request()) };
        twice.Headers.TryAddWithoutValidation("Idempotency-Key", ["\"one\"", "\"two\""]);
        using var twiceResponse = await client.SendAsync(twice);

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        await BadInputKit.ProblemAsync(tooLong, HttpStatusCode.BadRequest);
        await BadInputKit.ProblemAsync(twiceResponse, HttpStatusCode.BadRequest);
        Assert.Equal(before.Submissions + 1, (await BadInputKit.SnapshotAsync(factory)).Submissions);
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_key_store_one_application_and_all_get_its_answer()
    {
        await AssertConcurrentRetriesStoreOneAsync(factory);
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_key_store_one_application_on_postgresql()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(TestContext.Current.CancellationToken);
        using var onPostgres = new GatewayFactory(new Dictionary<string, string?>(database.ConfigurationValues));
        await AssertConcurrentRetriesStoreOneAsync(onPostgres);
    }

    private static async Task AssertConcurrentRetriesStoreOneAsync(GatewayFactory gateway)
    {
        using var client = gateway.CreateClient();
        var before = await BadInputKit.SnapshotAsync(gateway);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAsync(client, "\"burst\"", DemoApplication.Request())));

        try
        {
            Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {r.Content.ReadAsStringAsync().Result}"));
            Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
            var after = await BadInputKit.SnapshotAsync(gateway);
            Assert.Equal(before.Submissions + 1, after.Submissions);

            // The losers' files were removed again: one application's blobs more than before, no more.
            Assert.Single(after.BlobKeys.Except(before.BlobKeys).Select(k => k.Split('/')[1]).Distinct());
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? key, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, DemoApplication.SubmitPath)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public void Dispose() => factory.Dispose();
}
