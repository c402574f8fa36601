using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>One application the gateway acknowledged with 201 Created.</summary>
public sealed record AcceptedApplication(Guid Id, string Vorgangsnummer, string Process);

/// <summary>
/// Submits applications through the submission API, spread over the hosts of a <see cref="HostCluster"/> that are
/// serving, from several parallel clients. The API has no idempotency key, so the driver re-sends an application only
/// when it is sure no host got it: the connection was refused (the host was down), or the host answered 503 (nothing
/// stored). A request whose answer was lost (the host died while it ran, or it timed out) is NOT re-sent — the gateway
/// may or may not have stored it, and a second POST would be a second application. Those are counted as unanswered
/// and reconciled against the database at the end.
/// </summary>
public sealed class SubmissionDriver(HostCluster cluster, int seed)
{
    private readonly ConcurrentBag<AcceptedApplication> accepted = [];
    private readonly ConcurrentBag<string> unexpected = [];
    private int unanswered;
    private int resent;

    public IReadOnlyCollection<AcceptedApplication> Accepted => accepted;

    /// <summary>Answers that are neither 201 nor 503: each is a finding (a 4xx means the driver's request is wrong).</summary>
    public IReadOnlyCollection<string> Unexpected => unexpected;

    /// <summary>Applications whose request reached a host that died (or timed out) before it answered.</summary>
    public int Unanswered => Volatile.Read(ref unanswered);

    /// <summary>Applications sent again to another host because the first was down (connection refused) or answered 503.</summary>
    public int Resent => Volatile.Read(ref resent);

    public async Task RunAsync(int applications, int parallelClients, CancellationToken cancellationToken)
    {
        var next = -1;
        var bodies = CrashRoutes.Processes.ToDictionary(p => p, p => CrashRoutes.Request(p).ToJsonString(), StringComparer.Ordinal);
        // One client per host: killing a host must not leave the other hosts' pooled connections in doubt.
        var clients = Enumerable.Range(0, cluster.Size).Select(host => new HttpClient { BaseAddress = cluster.BaseUrl(host), Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, parallelClients).Select(client => Task.Run(async () =>
            {
                var random = new Random(seed + 100 + client);
                for (var number = Interlocked.Increment(ref next); number < applications; number = Interlocked.Increment(ref next))
                {
                    var process = CrashRoutes.Processes[number % CrashRoutes.Processes.Length];
                    await SubmitOneAsync(clients, random, process, bodies[process], cancellationToken);
                }
            }, cancellationToken)));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task SubmitOneAsync(HttpClient[] clients, Random random, string process, string body, CancellationToken cancellationToken)
    {
        var path = $"api/v1/tenants/{DemoApplication.Tenant}/processes/{process}/submissions";
        for (var sending = 0; ; sending++)
        {
            var host = await ServingHostAsync(random, cancellationToken);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await clients[host].PostAsync(path, content, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var answer = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(JsonSerializerOptions.Web, cancellationToken))!;
                    accepted.Add(new AcceptedApplication(answer.Id, answer.Vorgangsnummer, process));
                    return;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    unexpected.Add($"{(int)response.StatusCode} from host {host}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    return;
                }
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                // Nobody listened: no host has it, so sending it elsewhere cannot make a second application.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException
                || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Interlocked.Increment(ref unanswered);
                return;
            }

            if (sending == 0)
            {
                Interlocked.Increment(ref resent);
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<int> ServingHostAsync(Random random, CancellationToken cancellationToken)
    {
        while (true)
        {
            var start = random.Next(cluster.Size);
            for (var offset = 0; offset < cluster.Size; offset++)
            {
                var host = (start + offset) % cluster.Size;
                if (cluster.IsServing(host))
                {
                    return host;
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
