using System.Diagnostics;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Api;

/// <summary>The real host binary started with bad settings: it stops at once and names every problem.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-options-").FullName;

    [Theory]
    [InlineData]
    [InlineData("migrate")]
    public async Task Invalid_settings_stop_the_host_at_start_naming_every_problem(params string[] verb)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"));
        foreach (var arg in verb.Concat(
        [
            $"--Gateway:DataDirectory={dataDirectory}", "--Gateway:Worker:Workers=-1", "--Gateway:Worker:RetentionCron=every day",
            "--Gateway:Retry:MaxAttempts=0", "--Gateway:Retry:JitterFraction=3", "--Urls=http://127.0.0.1:0",
            "--Gateway:Worker:ClusterCheckinInterval=00:00:00",
        ]))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Gateway:Worker:Workers", text, StringComparison.Ordinal);
        Assert.Contains("RetentionCron", text, StringComparison.Ordinal);
        Assert.Contains("Gateway:Retry:MaxAttempts", text, StringComparison.Ordinal);
        Assert.Contains("Gateway:Retry:JitterFraction", text, StringComparison.Ordinal);
        Assert.Contains("Gateway:Worker:ClusterCheckinInterval", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "efagateway.db")), "Nothing may be created with bad settings.");
    }

    [Fact]
    public void Cluster_check_in_settings_outside_their_bounds_are_refused_by_name()
    {
        var validator = new Composition.GatewayOptionsValidator();
        var result = validator.Validate(null, new Composition.GatewayOptions
        {
            Worker = { ClusterCheckinInterval = TimeSpan.FromMilliseconds(500), ClusterCheckinMisfireThreshold = TimeSpan.FromHours(1) },
        });

        Assert.Contains("Gateway:Worker:ClusterCheckinInterval must be between 1 second and 5 minutes.", result.Failures!);
        Assert.Contains("Gateway:Worker:ClusterCheckinMisfireThreshold must be between 1 second and 10 minutes.", result.Failures!);
        Assert.True(validator.Validate(null, new Composition.GatewayOptions()).Succeeded);
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
