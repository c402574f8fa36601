using EfaGateway.Core.Diagnostics;
using EfaGateway.Host.Forms;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EfaGateway.Host.Observability;

/// <summary>Metrics, traces and their exporters; the health checks of remote systems; the stuck list.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<DeliveryBacklog>();
        services.AddScoped<StuckReport>();
        services.AddSingleton<SmtpHealthCheck>();
        services.AddSingleton<RemoteEndpointsHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<SmtpHealthCheck>("smtp", tags: ["ready"])
            .AddCheck<RemoteEndpointsHealthCheck>("remote-endpoints", tags: ["ready"]);

        // The exporter is chosen while the container is built, so it is read here; an invalid value adds no exporter and
        // ValidateOnStart then refuses the start with the key named.
        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporter = new TelemetryOptionsValidator().Validate(null, settings).Succeeded ? settings.ParsedExporter : TelemetryExporter.None;
        if (exporter == TelemetryExporter.None)
        {
            // No OpenTelemetry SDK at all: without an exporter it would only spend time building spans nobody reads.
            // The meter and activity source still exist for any other listener (dotnet-counters, dotnet-trace).
            return builder;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("efagateway"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(GatewayMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            switch (exporter)
            {
                case TelemetryExporter.Console:
                    metrics.AddConsoleExporter();
                    break;
                case TelemetryExporter.Otlp:
                    metrics.AddOtlpExporter(otlp => Configure(otlp, settings, "v1/metrics"));
                    break;
            }
        });
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(GatewayTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspNet =>
                {
                    aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/health");

                    // The resume link of a saved draft is half of what opens it: masked as in the request log.
                    aspNet.EnrichWithHttpRequest = (activity, request) =>
                    {
                        var masked = LogPaths.Mask(request.Path.Value ?? string.Empty);
                        activity.SetTag("url.path", masked);
                        activity.DisplayName = $"{request.Method} {(activity.GetTagItem("http.route") as string ?? masked)}";
                    };
                })
                .AddHttpClientInstrumentation();
            switch (exporter)
            {
                case TelemetryExporter.Console:
                    tracing.AddConsoleExporter();
                    break;
                case TelemetryExporter.Otlp:
                    tracing.AddOtlpExporter(otlp => Configure(otlp, settings, "v1/traces"));
                    break;
            }
        });
        return builder;
    }

    /// <summary>Creates the backlog gauges (they exist once their owner does).</summary>
    public static WebApplication UseGatewayTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<DeliveryBacklog>();
        return app;
    }

    /// <summary>
    /// Over HTTP the SDK posts to an endpoint set in code exactly as given, so each signal gets its own path appended to
    /// the one configured base URL; gRPC takes the base URL as it is.
    /// </summary>
    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions settings, string signalPath)
    {
        var http = string.Equals(settings.OtlpProtocol, "HttpProtobuf", StringComparison.OrdinalIgnoreCase);
        otlp.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var endpoint = settings.OtlpEndpoint!;
        otlp.Endpoint = http ? new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath) : endpoint;
    }
}
