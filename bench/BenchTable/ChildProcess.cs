using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EfaGateway.Bench.BenchTable;

/// <summary>
/// A server or tool the benchmark starts: output goes to a log file in the run's folder (a full pipe would stall the
/// child), the first JSON block a fake prints can be awaited, and disposing kills the whole process tree, so nothing
/// outlives the run even when a measurement fails half way.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly StringBuilder block = new();
    private readonly TaskCompletionSource<string> firstJsonBlock = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private string? lastLine;
    private (string Prefix, Action Action)? lineWatch;

    private ChildProcess(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ChildProcess Start(string program, IEnumerable<string> arguments, string logFile,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(logFile)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var child = new ChildProcess(Process.Start(start)!, log);
        child.process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child.process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a tool to its end and returns its exit code; its output is in the log file.</summary>
    public static async Task<int> RunAsync(string program, IEnumerable<string> arguments, string logFile,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        await using var child = Start(program, arguments, logFile, environment);
        using var cancel = new CancellationTokenSource(timeout);
        await child.process.WaitForExitAsync(cancel.Token);
        return child.process.ExitCode;
    }

    /// <summary>The first top-level JSON object the child prints (the fakes describe themselves that way).</summary>
    public async Task<string> FirstJsonBlockAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(firstJsonBlock.Task, Task.Delay(timeout), process.WaitForExitAsync());
        return finished == firstJsonBlock.Task
            ? await firstJsonBlock.Task
            : throw new InvalidOperationException($"{process.StartInfo.FileName} printed no description (see its log).");
    }

    /// <summary>Runs <paramref name="action"/> once, on the output thread, when the child prints a line starting with <paramref name="prefix"/>.</summary>
    public void OnLineStartingWith(string prefix, Action action)
    {
        lock (gate)
        {
            lineWatch = (prefix, action);
        }
    }

    /// <summary>Waits for a tool to end and returns the last line it printed (the harness's JSON result).</summary>
    public async Task<string> WaitForExitAndReadLastLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        lock (gate)
        {
            return lastLine ?? string.Empty;
        }
    }

    /// <summary>
    /// User plus system CPU time of the child so far, from /proc/pid/stat (Linux; fields 14 and 15 in clock ticks,
    /// which are 10 ms on every mainstream Linux build: USER_HZ = 100).
    /// </summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            log.WriteLine(line);
            lastLine = line;
            if (lineWatch is { } watch && line.StartsWith(watch.Prefix, StringComparison.Ordinal))
            {
                lineWatch = null;
                watch.Action();
            }

            if (firstJsonBlock.Task.IsCompleted)
            {
                return;
            }

            if (block.Length > 0 || line.StartsWith('{'))
            {
                block.AppendLine(line);
                if (line == "}")
                {
                    firstJsonBlock.TrySetResult(block.ToString());
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (gate)
        {
            log.Dispose();
        }
    }
}
