using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Conformance.FitConnect.Fake;
using EfaGateway.Conformance.FitConnect.Subscriber;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.FitConnect.Cli;

/// <summary>
/// <c>serve [--port 5090] [--state-dir DIR] [--subscriber-interval SECONDS] [--schema URI=MIMETYPE]…</c>: runs the fake
/// on 127.0.0.1 until Ctrl+C, prints what a sender and a subscriber need, and optionally works the demo destination
/// with the reference subscriber, logging only ids and verdicts.
/// </summary>
internal static class ServeCommand
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Ids, verdicts and problem types only: never content, which may hold personal data.
    private static readonly Action<ILogger, string, string, string, string, int, Exception?> LogVerdict =
        LoggerMessage.Define<string, string, string, string, int>(LogLevel.Information, new EventId(1, "Verdict"),
            "submission {SubmissionId} case {CaseId}: {Verdict} {Problems} (event post {Status})");

    private const string Usage =
        "usage: serve [--port 5090] [--state-dir <dir>] [--subscriber-interval <seconds>] [--schema <uri>=<mimeType>]...";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve" || !TryParse(args[1..], out var port, out var stateDir, out var interval, out var schemas))
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
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("fit-connect-fake");
        var directory = stateDir ?? Path.Combine(Path.GetTempPath(), $"efagw-fit-connect-fake-{port}");
        await using var fake = await FakeZustelldienst.StartAsync(new FakeZustelldienstOptions
        {
            Port = port,
            StateDirectory = directory,
            AdditionalDemoSchemas = schemas,
            ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
        }, stop.Token);
        Console.WriteLine(Describe(fake, directory).ToJsonString(Indented));
        try
        {
            if (interval is { } seconds)
            {
                await RunSubscriberAsync(fake, TimeSpan.FromSeconds(seconds), logger, stop.Token);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the fake is disposed on the way out.
        }

        return 0;
    }

    private static async Task RunSubscriberAsync(FakeZustelldienst fake, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        using var subscriber = new ReferenceSubscriber(SubscriberConnection.For(fake, fake.DemoDestination!));
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                // As many at once as there are cores: a busy Fachverfahren works several applications in parallel.
                foreach (var report in await subscriber.ProcessPendingAsync(Environment.ProcessorCount, cancellationToken))
                {
                    var problems = string.Join(" ", report.Problems.Select(p => $"{p.Type[ProblemTypes.Prefix.Length..]}@{p.Instance}"));
                    LogVerdict(logger, report.SubmissionId, report.CaseId, report.Verdict.ToString(), problems, report.EventPostStatus, null);
                }
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning("reference subscriber: {Message}", ex.Message);
            }
        }
    }

    /// <summary>Everything a sender and a subscriber need, with key files written next to the state.</summary>
    private static JsonObject Describe(FakeZustelldienst fake, string directory)
    {
        var demo = fake.DemoDestination!;
        var trustAnchor = WriteFile(directory, "trust-anchor.pem", fake.TrustAnchorPem);
        var decryptionKey = WriteFile(directory, "subscriber-decryption-key.pem", demo.CurrentEncryptionKey.Issued.PrivateKey.ExportPkcs8PrivateKeyPem());
        var signingKey = WriteFile(directory, "subscriber-signing-key.pem", demo.SignatureKey.Issued.PrivateKey.ExportPkcs8PrivateKeyPem());
        return new JsonObject
        {
            ["tokenUrl"] = fake.TokenUrl.ToString(),
            ["submissionApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["trustAnchorPem"] = trustAnchor,
            ["sender"] = new JsonObject { ["clientId"] = fake.Sender.ClientId, ["clientSecret"] = fake.Sender.ClientSecret },
            ["destinationId"] = demo.DestinationId,
            ["services"] = JsonSerializer.SerializeToNode(demo.Services, WebJson),
            ["metadataVersions"] = new JsonArray([.. demo.MetadataVersions.Select(v => JsonValue.Create(v))]),
            ["subscriber"] = new JsonObject
            {
                ["clientId"] = demo.SubscriberClient.ClientId,
                ["clientSecret"] = demo.SubscriberClient.ClientSecret,
                ["encryptionKid"] = demo.EncryptionKid,
                ["decryptionKeyPem"] = decryptionKey,
                ["signatureKid"] = demo.SignatureKey.Kid,
                ["signingKeyPem"] = signingKey,
            },
        };
    }

    private static string WriteFile(string directory, string name, string content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, name));
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static bool TryParse(string[] args, out int port, out string? stateDir, out int? interval, out List<SubmissionSchema> schemas)
    {
        (port, stateDir, interval, schemas) = (5090, null, null, []);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536:
                    port = p;
                    break;
                case "--state-dir" when !string.IsNullOrWhiteSpace(value):
                    stateDir = value;
                    break;
                case "--subscriber-interval" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0:
                    interval = s;
                    break;
                case "--schema" when value?.Split('=', 2) is [var uri, var mimeType]:
                    schemas.Add(new SubmissionSchema(uri, mimeType));
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
