using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// A TCP proxy on a loopback port in front of a fake remote end that makes a share of the exchanges fail at random.
/// It works below HTTP, so it serves plain HTTP and TLS alike (the XTA fake requires mutual TLS, which an HTTP proxy
/// would have to terminate). Each "turn" of a connection (the client starts sending, or the server starts answering)
/// rolls the dice once (on TLS, the first two turns each way are the handshake and pass untouched, so the share
/// applies to requests as on plain HTTP): the client's turn may be cut off before anything reaches the server (a reset) or, on plain HTTP, be answered 503
/// by the proxy; the server's turn may be swallowed after the server did the work (the answer is lost) — the case
/// that makes a careless sender deliver twice.
/// </summary>
public sealed class FaultInjectingTcpProxy : IAsyncDisposable
{
    /// <summary>
    /// A request header that exempts its plain-HTTP connection from faults: the test's own clients (the reference
    /// subscriber) must reach the fake under the address the fake signs as, without being the ones tested.
    /// </summary>
    public const string ExemptHeader = "X-Fault-Exempt";

    private static readonly byte[] ExemptMarker = Encoding.ASCII.GetBytes($"\r\n{ExemptHeader}:");

    /// <summary>TLS 1.2 and 1.3 with a client certificate: ClientHello / server flight / client flight / server's last word.</summary>
    private const int TlsHandshakeTurns = 2;

    private const string ServiceUnavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 31\r\nConnection: close\r\nRetry-After: 1\r\n\r\nInjected fault (crash test)   ";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly bool plainHttp;
    private readonly double faultShare;
    private readonly Random random;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int resets;
    private int serviceUnavailable;
    private int answersLost;
    private int turns;

    /// <param name="target">The fake's loopback address.</param>
    /// <param name="plainHttp">True for HTTP (the proxy may answer 503 itself); false for TLS (resets and lost answers only).</param>
    /// <param name="faultShare">The share of turns that fail, e.g. 0.2.</param>
    /// <param name="seed">The random seed (print it: a failing run is easier to discuss with it).</param>
    public FaultInjectingTcpProxy(IPEndPoint target, bool plainHttp, double faultShare, int seed)
    {
        this.target = target;
        this.plainHttp = plainHttp;
        this.faultShare = faultShare;
        random = new Random(seed);
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's address with the target's scheme and path: what a route points at instead of the fake.</summary>
    public Uri Rewrite(Uri fakeUrl) => new UriBuilder(fakeUrl) { Port = ((IPEndPoint)listener.LocalEndpoint).Port }.Uri;

    public int Turns => Volatile.Read(ref turns);

    public int Resets => Volatile.Read(ref resets);

    public int ServiceUnavailableAnswers => Volatile.Read(ref serviceUnavailable);

    public int AnswersLost => Volatile.Read(ref answersLost);

    public override string ToString() =>
        $"{Turns} turns, {Resets} reset, {ServiceUnavailableAnswers} answered 503, {AnswersLost} answers lost after the fake did the work";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(target, stopping.Token);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                var turn = new TurnTracker(plainHttp ? 0 : TlsHandshakeTurns);
                var upstream = PumpAsync(client, server, turn, fromClient: true, connection);
                var downstream = PumpAsync(server, client, turn, fromClient: false, connection);
                await Task.WhenAny(upstream, downstream);
                await connection.CancelAsync();
                await Task.WhenAll(upstream, downstream).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A connection that ends badly is what this proxy is for.
            }
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, TurnTracker turn, bool fromClient, CancellationTokenSource connection)
    {
        var buffer = new byte[16 * 1024];
        var source = from.GetStream();
        var sink = to.GetStream();
        while (true)
        {
            var read = await source.ReadAsync(buffer, connection.Token);
            if (read == 0)
            {
                to.Client.Shutdown(SocketShutdown.Send);
                return;
            }

            if (plainHttp && fromClient && buffer.AsSpan(0, read).IndexOf(ExemptMarker) >= 0)
            {
                turn.Exempt = true;
            }

            if (turn.BeginsFaultableTurn(fromClient))
            {
                Interlocked.Increment(ref turns);
                var roll = Roll();
                if (roll < faultShare)
                {
                    // One roll per exchange in effect: the client's turn fails in two thirds of the rolled cases (reset, or
                    // 503 on plain HTTP, before the server sees anything), the server's turn in the other third (answer
                    // lost after the work), so about faultShare of all exchanges fail.
                    var kind = roll / faultShare;
                    if (fromClient && kind < 1 / 3.0)
                    {
                        Interlocked.Increment(ref resets);
                        Reset(from);
                        return;
                    }

                    if (fromClient && kind < 2 / 3.0)
                    {
                        if (plainHttp)
                        {
                            Interlocked.Increment(ref serviceUnavailable);
                            await source.WriteAsync(Encoding.ASCII.GetBytes(ServiceUnavailable), connection.Token);
                            from.Client.Shutdown(SocketShutdown.Send);
                        }
                        else
                        {
                            Interlocked.Increment(ref resets);
                            Reset(from);
                        }

                        return;
                    }

                    if (!fromClient && kind >= 2 / 3.0)
                    {
                        // The server did the work and answered; the client never hears of it.
                        Interlocked.Increment(ref answersLost);
                        Reset(to);
                        return;
                    }
                }
            }

            await sink.WriteAsync(buffer.AsMemory(0, read), connection.Token);
        }
    }

    private double Roll()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    /// <summary>Closes with RST rather than FIN, as a crashed or overloaded middlebox would.</summary>
    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    /// <summary>
    /// Which side spoke last on one connection, so each change of direction counts as a new turn; the first
    /// <c>exempt</c> turns of each side are not faulted.
    /// </summary>
    private sealed class TurnTracker(int exempt)
    {
        private readonly int[] turns = new int[2];
        private int lastSpeaker = -1;
        private volatile bool exemptConnection;

        /// <summary>The connection belongs to a client that sent <see cref="ExemptHeader"/>: no faults on it.</summary>
        public bool Exempt
        {
            get => exemptConnection;
            set => exemptConnection = value;
        }

        public bool BeginsFaultableTurn(bool fromClient)
        {
            var speaker = fromClient ? 0 : 1;
            if (Interlocked.Exchange(ref lastSpeaker, speaker) == speaker)
            {
                return false;
            }

            return Interlocked.Increment(ref turns[speaker]) > exempt && !exemptConnection;
        }
    }
}
