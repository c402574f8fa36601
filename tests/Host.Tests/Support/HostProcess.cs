using System.Diagnostics;

namespace EfaGateway.Host.Tests.Support;

/// <summary>The built host binary run as a real process on a given data directory (the CLI verbs).</summary>
public static class HostProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--Gateway:DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Gateway:SamplesDirectory={Path.Combine(RepositoryRoot.Path, "samples")}");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
