using System.Net;
using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.BadInput;

/// <summary>What the stores hold (submissions and every blob key), to show that a refused request changed nothing.</summary>
public sealed record StoreSnapshot(int Submissions, IReadOnlyList<string> BlobKeys)
{
    /// <summary>The keys of citizens' uploads held in form sessions (session state itself changes with every page).</summary>
    public IEnumerable<string> UploadKeys => BlobKeys.Where(k => k.Contains("/uploads/", StringComparison.Ordinal));
}

/// <summary>Shared checks of the bad-input sweep: stored state before and after, and the host still healthy.</summary>
internal static class BadInputKit
{
    public static async Task<StoreSnapshot> SnapshotAsync(GatewayFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var submissions = await scope.ServiceProvider.GetRequiredService<ISubmissionStore>().ListUnpurgedAsync(100_000, CancellationToken.None);
        var keys = new List<string>();
        await foreach (var key in scope.ServiceProvider.GetRequiredService<IBlobStore>().ListKeysAsync(string.Empty, CancellationToken.None))
        {
            keys.Add(key);
        }

        keys.Sort(StringComparer.Ordinal);
        return new StoreSnapshot(submissions.Count, keys);
    }

    public static async Task AssertUnchangedAsync(GatewayFactory factory, StoreSnapshot before)
    {
        var after = await SnapshotAsync(factory);
        Assert.Equal(before.Submissions, after.Submissions);
        Assert.Equal(before.BlobKeys, after.BlobKeys);
    }

    /// <summary>Liveness answers and a normal application is still accepted: the bad input left no damage behind.</summary>
    public static async Task AssertHealthyAsync(GatewayFactory factory)
    {
        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await DemoApplication.SubmitAsync(client);
    }

    /// <summary>The answer is a ProblemDetails with the status, a title and (where the caller can act on it) a detail or field errors.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), $"neither detail nor errors: {body}");
        return problem;
    }
}
