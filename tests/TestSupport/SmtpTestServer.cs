using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace EfaGateway.TestSupport;

/// <summary>
/// A small but real SMTP server on loopback (RFC 5321: EHLO, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT) that
/// keeps every message it accepts, parsed by MimeKit, so tests read the mail the gateway sent over the wire.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> messages = new();

    public SmtpTestServer()
    {
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public static SmtpTestServer Shared { get; } = new();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IReadOnlyCollection<MimeMessage> Messages => messages;

    /// <summary>The newest message to this address, waiting briefly for it to arrive.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            var found = messages.LastOrDefault(m => m.To.Mailboxes.Any(b => b.Address == to));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No mail to {to} arrived.");
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost EfaGateway test SMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO":
                    case "MAIL":
                    case "RCPT":
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        messages.Enqueue(await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()))));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
    }
}
