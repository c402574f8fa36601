using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EfaGateway.TestSupport;

/// <summary>
/// A real clamd for the test run (Debian's clamav-daemon, installed by .ci/run), on a free loopback port, with a
/// signature database that holds only the EICAR test signature: freshclam has no internet here. Started once per
/// test process, stopped when it exits.
/// </summary>
public static class ClamdServer
{
    /// <summary>The EICAR anti-malware test file: harmless, detected by every scanner by convention.</summary>
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private const string Binary = "/usr/sbin/clamd";

    private static readonly Lazy<int> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static int Port => Started.Value;

    private static int Start()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's clamav-daemon (.ci/run does).");
        }

        var directory = Directory.CreateTempSubdirectory("efagw-clamd-").FullName;
        var database = Directory.CreateDirectory(Path.Combine(directory, "db")).FullName;
        File.WriteAllText(Path.Combine(database, "eicar.ndb"), $"Eicar-Test-Signature:0:*:{Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Eicar))}\n");
        var port = FreePort();
        var config = Path.Combine(directory, "clamd.conf");
        File.WriteAllText(config, $"""
            TCPSocket {port}
            TCPAddr 127.0.0.1
            DatabaseDirectory {database}
            Foreground yes
            LogFile {Path.Combine(directory, "clamd.log")}
            PidFile {Path.Combine(directory, "clamd.pid")}
            StreamMaxLength 200M
            MaxThreads 4
            """);
        var process = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList = { $"--config-file={config}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        };

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"clamd exited with {process.ExitCode}; see {directory}/clamd.log");
            }

            if (Pings(port))
            {
                return port;
            }

            Thread.Sleep(200);
        }

        throw new InvalidOperationException("clamd did not answer PING within 60 seconds.");
    }

    private static bool Pings(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.Write("zPING\0"u8);
            var answer = new byte[5];
            return stream.Read(answer) > 0 && Encoding.ASCII.GetString(answer).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
