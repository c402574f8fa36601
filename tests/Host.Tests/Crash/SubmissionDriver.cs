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
/// serving, from several parallel clients, each application with its own <c>Idempotency-Key</c>. Whatever goes wrong
/// — the connection refused (the host was down), a 503, or the answer lost because the host died while it ran — the
/// driver sends the same request with the same key again, to whichever host serves, until a 201 arrives: the key
/// makes a second POST of a stored application return the first answer instead of a second application. So at the
/// end every application must be acknowledged and stored exactly once.
/// </summary>
public sealed class SubmissionDriver(HostCluster cluster, int seed)
{
    private readonly ConcurrentBag<AcceptedApplication> accepted = [];
    private readonly ConcurrentBag<string> unexpected = [];
    private int answersLost;
    private int resent;

    public IReadOnlyCollection<AcceptedApplication> Accepted => accepted;

    /// <summary>Answers that are neither 201 nor 503: each is a finding (a 4xx means the driver's request is wrong).</summary>
    public IReadOnlyCollection<string> Unexpected => unexpected;

    /// <summary>Requests that reached a host which died (or timed out) before it answered; each was sent again with its key.</summary>
    public int AnswersLost => Volatile.Read(ref answersLost);

    /// <summary>Applications sent more than once (a refused connection, a 503 or a lost answer before their 201).</summary>
    public int Resent => Volatile.Read(ref resent);

    /// <summary>The key the driver sends with application <paramref name="number"/>.</summary>
    public static string KeyOf(int seed, int number) => $"crash-{seed}-{number}";

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
                    await SubmitOneAsync(clients, random, process, bodies[process], KeyOf(seed, number), cancellationToken);
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

    private async Task SubmitOneAsync(HttpClient[] clients, Random random, string process, string body, string key, CancellationToken cancellationToken)
    {
        var path = $"api/v1/tenants/{DemoApplication.Tenant}/processes/{process}/submissions";
        for (var sending = 0; ; sending++)
        {
            var host = await ServingHostAsync(random, cancellationToken);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Idempotency-Key", $"\"{key}\"");
                using var response = await clients[host].SendAsync(request, cancellationToken);
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
                // Nobody listened: send it again elsewhere.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException
                || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The host may or may not have stored it: the same key again settles which.
                Interlocked.Increment(ref answersLost);
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
