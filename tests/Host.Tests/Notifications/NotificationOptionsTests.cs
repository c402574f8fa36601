using System.Diagnostics;
using EfaGateway.Host.Notifications;

namespace EfaGateway.Host.Tests.Notifications;

/// <summary><c>Gateway:Notifications:Interval</c> must lie between 1 minute and 24 hours; the real host refuses to start otherwise.</summary>
public sealed class NotificationOptionsTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-notify-options-").FullName;

    [Theory]
    [InlineData("00:01:00", true)]
    [InlineData("00:15:00", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("00:00:59", false)]
    [InlineData("1.00:00:01", false)]
    public void The_validator_accepts_one_minute_to_24_hours(string interval, bool valid)
    {
        var result = new NotificationOptionsValidator().Validate(null, new NotificationOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Gateway:Notifications:Interval must be between", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public async Task The_host_refuses_to_start_with_an_interval_out_of_range_naming_the_key(string interval)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"));
        foreach (var arg in new[] { $"--Gateway:DataDirectory={dataDirectory}", $"--Gateway:Notifications:Interval={interval}", "--Urls=http://127.0.0.1:0" })
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
        Assert.Contains("Gateway:Notifications:Interval must be between", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "efagateway.db")), "Nothing may be created with bad settings.");
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
