namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// Every few seconds (2 to 4, at random) kills a random serving host of the cluster with SIGKILL and starts it again
/// at once, as a supervisor (systemd, Kubernetes) would. At least one host always serves, so the driver can go on.
/// </summary>
public sealed class RandomHostKiller(HostCluster cluster, int seed)
{
    private readonly Random random = new(seed);
    private readonly List<Task> restarts = [];
    private int kills;

    public int Kills => Volatile.Read(ref kills);

    /// <summary>Kills until <paramref name="stop"/> is cancelled, then waits for every host to serve again.</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken cancellationToken)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, 4000)), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var serving = Enumerable.Range(0, cluster.Size).Where(cluster.IsServing).ToList();
            if (serving.Count < 2)
            {
                continue;
            }

            var host = serving[random.Next(serving.Count)];
            await cluster.KillAsync(host);
            Interlocked.Increment(ref kills);
            restarts.Add(cluster.StartAsync(host, cancellationToken));
        }

        await Task.WhenAll(restarts);
    }
}
