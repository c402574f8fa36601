using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.Xta.Server;

namespace EfaGateway.Conformance.Xta.Cli;

/// <summary>
/// <c>serve [--port 5443] [--out DIR]</c>: runs the fake XTA server on 127.0.0.1 until Ctrl+C and prints what a client
/// needs: the three port URLs, the trust anchor and the client certificate (files in DIR) with its password and party.
/// The test PKI is made anew on every start, so a client must re-read the files after a restart.
/// </summary>
internal static class ServeCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string Usage = "usage: serve [--port 5443] [--out <dir>]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve" || !TryParse(args[1..], out var port, out var outDir))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var directory = outDir ?? Path.Combine(Path.GetTempPath(), $"efagw-xta-fake-{port}");
        await using var fake = await FakeXtaServer.StartAsync(new FakeXtaServerOptions { Port = port }, stop.Token);
        Console.WriteLine(Describe(fake, directory).ToJsonString(Indented));
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the fake is disposed on the way out.
        }

        return 0;
    }

    private static JsonObject Describe(FakeXtaServer fake, string directory)
    {
        Directory.CreateDirectory(directory);
        var trustAnchor = Path.GetFullPath(Path.Combine(directory, "trust-anchor.pem"));
        File.WriteAllText(trustAnchor, fake.TrustAnchorPem);
        var clientCertificate = Path.GetFullPath(Path.Combine(directory, "client.p12"));
        File.WriteAllBytes(clientCertificate, fake.Author.ClientCertificatePkcs12);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(clientCertificate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var party = fake.Author.Party;
        return new JsonObject
        {
            ["managementPortUrl"] = fake.ManagementPortUrl.ToString(),
            ["sendXtaPortUrl"] = fake.SendXtaPortUrl.ToString(),
            ["msgBoxPortUrl"] = fake.MsgBoxPortUrl.ToString(),
            ["trustAnchorPem"] = trustAnchor,
            ["clientCertificatePkcs12"] = clientCertificate,
            ["clientCertificatePassword"] = fake.Author.ClientCertificatePassword,
            ["author"] = new JsonObject { ["type"] = party.Type, ["value"] = party.Value, ["name"] = party.Name },
            ["readers"] = new JsonArray([.. fake.Readers.Select(r => (JsonNode)new JsonObject
            {
                ["type"] = r.Party.Type,
                ["value"] = r.Party.Value,
                ["services"] = new JsonArray([.. r.Services.Select(s => JsonValue.Create(s))]),
            })]),
        };
    }

    private static bool TryParse(string[] args, out int port, out string? outDir)
    {
        (port, outDir) = (5443, null);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536:
                    port = p;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    outDir = value;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
