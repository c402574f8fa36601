using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Observability;

/// <summary>Where metrics and traces go (section <c>Gateway:Telemetry</c>). Off by default: nothing leaves the host.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Gateway:Telemetry";

    /// <summary>None, Console or Otlp. Text, not an enum, so a typo is reported by name instead of failing the binder.</summary>
    public string Exporter { get; set; } = nameof(TelemetryExporter.None);

    /// <summary>The OTLP collector (Exporter = Otlp), e.g. http://otel-collector:4317 (gRPC) or :4318 (HTTP).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Grpc or HttpProtobuf.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>How long a backlog figure (pending count, oldest age) is reused, so scrapes cannot hammer the database.</summary>
    public TimeSpan BacklogCacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The stuck list counts a retrying delivery as stuck once its first attempt is this old.</summary>
    public TimeSpan StuckRetryingAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long the result of a health check that talks to a remote system (SMTP, endpoints) is reused.</summary>
    public TimeSpan RemoteCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long such a check may take before the system counts as unreachable.</summary>
    public TimeSpan RemoteCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TelemetryExporter ParsedExporter =>
        Enum.TryParse<TelemetryExporter>(Exporter, ignoreCase: true, out var parsed) ? parsed : TelemetryExporter.None;
}

public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}

/// <summary>Reports every problem of the telemetry settings at once, each naming its key.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        var exporterKnown = Enum.TryParse<TelemetryExporter>(options.Exporter, ignoreCase: true, out var exporter)
            && Enum.IsDefined(exporter) && !int.TryParse(options.Exporter, out _);
        if (!exporterKnown)
        {
            failures.Add($"Gateway:Telemetry:Exporter must be None, Console or Otlp (not '{options.Exporter}').");
        }

        if (exporterKnown && exporter == TelemetryExporter.Otlp && options.OtlpEndpoint is not { IsAbsoluteUri: true })
        {
            failures.Add("Gateway:Telemetry:OtlpEndpoint must be an absolute URL when the exporter is Otlp.");
        }

        if (!string.Equals(options.OtlpProtocol, "Grpc", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.OtlpProtocol, "HttpProtobuf", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Gateway:Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.");
        }

        Positive(failures, "BacklogCacheDuration", options.BacklogCacheDuration, TimeSpan.FromHours(1));
        Positive(failures, "StuckRetryingAfter", options.StuckRetryingAfter, TimeSpan.FromDays(30));
        Positive(failures, "RemoteCheckCacheDuration", options.RemoteCheckCacheDuration, TimeSpan.FromHours(1));
        Positive(failures, "RemoteCheckTimeout", options.RemoteCheckTimeout, TimeSpan.FromMinutes(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add($"Gateway:Telemetry:{key} must be positive and at most {max}.");
        }
    }
}
