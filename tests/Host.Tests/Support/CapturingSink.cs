using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace EfaGateway.Host.Tests.Support;

/// <summary>Collects every log event the host writes, rendered as the console would write it (JSON, with properties).</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly CompactJsonFormatter formatter = new();

    public IReadOnlyCollection<string> Lines => lines;

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        formatter.Format(logEvent, writer);
        lines.Enqueue(writer.ToString() + " " + logEvent.RenderMessage());
    }
}
