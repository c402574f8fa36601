using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EfaGateway.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>One recorded measurement: instrument, value and tags.</summary>
public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public bool Has(string tag, object value) => Tags.TryGetValue(tag, out var actual) && Equals(actual?.ToString(), value.ToString());
}

/// <summary>
/// Listens to one test host's gateway meter (the BCL MeterListener, scoped to that host's meter factory, so hosts of
/// tests running in parallel do not count into each other) and to every span of the process.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener meters = new();
    private readonly ActivityListener spans;
    private readonly ConcurrentQueue<Measurement> measurements = new();
    private readonly ConcurrentQueue<Activity> activities = new();

    public TelemetryCapture(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.Start();
        spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(spans);
    }

    public IReadOnlyList<Activity> Activities => [.. activities];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    public double Sum(string instrument, params (string Tag, object Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => m.Has(t.Tag, t.Value))).Sum(m => m.Value);

    /// <summary>Asks the observable gauges now (as an exporter's collection would) and returns their latest values.</summary>
    public double Observe(string instrument)
    {
        meters.RecordObservableInstruments();
        return Of(instrument)[^1].Value;
    }

    public void Dispose()
    {
        meters.Dispose();
        spans.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }
}
