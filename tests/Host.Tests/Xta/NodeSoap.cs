using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Xta;

/// <summary>
/// Runs the scripts in <c>Xta/NodeSoap</c>: npm soap (restored by the build) reading the official XTA.wsdl from the
/// standards folder. Each script takes one JSON config file and prints JSON lines.
/// </summary>
public static class NodeSoap
{
    public static string Directory => Path.Combine(RepositoryRoot.Path, "tests", "Host.Tests", "Xta", "NodeSoap");

    /// <summary>The certificate and its private key as PEM, as Node's TLS wants them.</summary>
    public static (string CertPem, string KeyPem) Pem(X509Certificate2 certificate) =>
        (certificate.ExportCertificatePem(), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

    /// <summary>Runs a script to its end and returns its last JSON line.</summary>
    public static async Task<JsonObject> RunAsync(string script, JsonObject config, CancellationToken cancellationToken)
    {
        await using var node = await NodeScript.StartAsync(script, config);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        JsonObject? last = null;
        await foreach (var line in node.Lines.ReadAllAsync(timeout.Token))
        {
            last = line;
        }

        await node.Process.WaitForExitAsync(timeout.Token);
        Assert.True(node.Process.ExitCode == 0 && last is not null, $"node {script} failed (exit {node.Process.ExitCode}): {node.Errors}");
        return last!;
    }
}

/// <summary>A running Node script: its JSON lines as they come, its standard error, and its end when disposed.</summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Channel<JsonObject> lines = Channel.CreateUnbounded<JsonObject>();
    private readonly System.Text.StringBuilder errors = new();
    private readonly string configPath;

    private NodeScript(Process process, string configPath)
    {
        Process = process;
        this.configPath = configPath;
    }

    public Process Process { get; }

    public ChannelReader<JsonObject> Lines => lines.Reader;

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    public static Task<NodeScript> StartAsync(string script, JsonObject config)
    {
        var configPath = Path.Combine(System.IO.Directory.CreateTempSubdirectory("efagw-node-soap-").FullName, "config.json");
        File.WriteAllText(configPath, config.ToJsonString());
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeSoap.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(configPath);
        var node = new NodeScript(Process.Start(start)!, configPath);
        node.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                node.lines.Writer.TryComplete();
            }
            else if (e.Data.StartsWith('{') && JsonNode.Parse(e.Data) is JsonObject line)
            {
                node.lines.Writer.TryWrite(line);
            }
        };
        node.Process.ErrorDataReceived += (_, e) =>
        {
            lock (node.errors)
            {
                node.errors.AppendLine(e.Data);
            }
        };
        node.Process.BeginOutputReadLine();
        node.Process.BeginErrorReadLine();
        return Task.FromResult(node);
    }

    /// <summary>The next JSON line, or a failure naming what the script wrote to standard error.</summary>
    public async Task<JsonObject> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await lines.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException($"node {Process.StartInfo.ArgumentList[0]} printed nothing more ({ex.GetType().Name}): {Errors}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        Process.Dispose();
        System.IO.Directory.Delete(Path.GetDirectoryName(configPath)!, recursive: true);
    }
}
