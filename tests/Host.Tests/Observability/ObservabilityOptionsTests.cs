using System.Diagnostics;
using EfaGateway.Host.Observability;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>Gateway:Telemetry: checked at start, every problem named by its key; an exporter only when one is chosen.</summary>
public sealed class ObservabilityOptionsTests
{
    [Fact]
    public async Task A_bad_exporter_name_refuses_the_start_of_the_real_host_naming_the_key()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("efagw-telemetry-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
            foreach (var arg in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "EfaGateway.Host.dll"), $"--Gateway:DataDirectory={dataDirectory}",
                "--Gateway:Telemetry:Exporter=Prometheus", "--Gateway:Telemetry:OtlpProtocol=Carrier-Pigeon",
                "--Gateway:Telemetry:BacklogCacheDuration=00:00:00", "--Urls=http://127.0.0.1:0",
            })
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
            Assert.Contains("Gateway:Telemetry:Exporter must be None, Console or Otlp (not 'Prometheus')", text, StringComparison.Ordinal);
            Assert.Contains("Gateway:Telemetry:OtlpProtocol", text, StringComparison.Ordinal);
            Assert.Contains("Gateway:Telemetry:BacklogCacheDuration", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Otlp_without_an_endpoint_is_refused()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Exporter = "otlp" });
        Assert.Contains("Gateway:Telemetry:OtlpEndpoint must be an absolute URL when the exporter is Otlp.", result.Failures!);
        Assert.False(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Exporter = "1" }).Succeeded);
    }

    [Fact]
    public async Task The_default_exports_nothing_and_otlp_wires_the_sdk()
    {
        using (var plain = new GatewayFactory())
        {
            Assert.Null(plain.Services.GetService<MeterProvider>());
            Assert.Null(plain.Services.GetService<TracerProvider>());
        }

        using var otlp = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:Telemetry:Exporter"] = "Otlp",
            ["Gateway:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
        });
        Assert.NotNull(otlp.Services.GetService<MeterProvider>());
        Assert.NotNull(otlp.Services.GetService<TracerProvider>());
        using var client = otlp.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live", TestContext.Current.CancellationToken));
    }
}
