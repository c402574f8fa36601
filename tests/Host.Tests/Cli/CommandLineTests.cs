using System.Diagnostics;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Cli;

/// <summary>The host binary as a command-line tool, run as a real process.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-cli-").FullName;

    [Fact]
    public async Task Migrate_creates_the_database_and_a_second_run_finds_it_up_to_date()
    {
        var first = await RunAsync("migrate");
        var second = await RunAsync("migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "efagateway.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_samples_then_retention_run_against_the_same_database()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var load = await RunAsync("load-samples");
        var retention = await RunAsync("retention");

        Assert.Equal(0, load.ExitCode);
        Assert.Contains("1 tenant(s)", load.Output, StringComparison.Ordinal);
        Assert.Equal(0, retention.ExitCode);
        Assert.Contains("purged 0 submission(s)", retention.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-verb")]
    [InlineData("retry-delivery", "not-a-guid")]
    public async Task Wrong_usage_exits_with_2(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
