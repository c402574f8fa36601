using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.FitConnect;

/// <summary>Runs <c>FitConnect/Jose/interop.mjs</c> (npm jose, restored by the build) with one JSON request.</summary>
public static class NodeJose
{
    public static string Directory => Path.Combine(RepositoryRoot.Path, "tests", "Host.Tests", "FitConnect", "Jose");

    public static async Task<JsonObject> RunAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node", "interop.mjs")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(request.ToJsonString());
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(cancellationToken);
        await node.WaitForExitAsync(cancellationToken);
        var answer = JsonNode.Parse(output) as JsonObject;
        Assert.True(node.ExitCode == 0 && answer is not null, $"node jose failed: {output} {errors}");
        return answer!;
    }

    public static string Pem(RSA key) => key.ExportPkcs8PrivateKeyPem();

    public static JsonArray Strings(JsonNode? node) => node as JsonArray ?? [];

    public static string Text(JsonObject answer, string name) => answer[name]?.GetValue<string>() ?? throw new JsonException($"No '{name}' in {answer}.");
}
