using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Composition;

/// <summary>Host-level settings, bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Where the SQLite file, blobs and keys live; relative paths are resolved against the current directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder with <c>processes/</c> and <c>tenants/</c>; defaults to the samples shipped next to the binary.</summary>
    public string? SamplesDirectory { get; set; }

    /// <summary>The genericode code lists <c>import-xdf</c> resolves selects from; defaults to the lists shipped in <c>codelists/</c> next to the binary.</summary>
    public string? CodeListsDirectory { get; set; }

    /// <summary>Load the demo tenant and processes on start (only what is not there yet).</summary>
    public bool LoadSamples { get; set; } = true;

    /// <summary>Apply database migrations on start. Right for the embedded default; production runs the <c>migrate</c> verb.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public WorkerOptions Worker { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public FormsOptions Forms { get; set; } = new();

    /// <summary>The address citizens reach the gateway at (for links in e-mails); default: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedCodeListsDirectory => Path.GetFullPath(CodeListsDirectory ?? Path.Combine(AppContext.BaseDirectory, "codelists"));

    public string ResolvedSamplesDirectory => Path.GetFullPath(SamplesDirectory ?? Path.Combine(AppContext.BaseDirectory, "samples"));
}

public sealed class WorkerOptions
{
    /// <summary>Delivery workers in this host; 0 disables delivery here (e.g. an API-only node).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How long an idle worker waits for a wake-up before it looks for due retries anyway.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired leases are released and due retries are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quartz cron expression of the retention run.</summary>
    public string RetentionCron { get; set; } = "0 */15 * * * ?";

    /// <summary>
    /// PostgreSQL only (clustered scheduler): how often a host records in the database that it is alive.
    /// A dead host's scheduled work is taken over after this plus <see cref="ClusterCheckinMisfireThreshold"/>.
    /// </summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// PostgreSQL only: how long past a missed check-in the other hosts wait before they treat a host as dead.
    /// Longer than the worst pause of a live host (GC, VM migration, database failover), or a live host is written off.
    /// </summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);
}

public sealed class ApiOptions
{
    /// <summary>Largest accepted submission request (JSON with base64 uploads).</summary>
    public long MaxSubmissionBytes { get; set; } = 70 * 1024 * 1024;

    /// <summary>Operator API keys. If none is configured, one is generated into the data directory on first start.</summary>
    public List<string> OperatorKeys { get; set; } = [];
}

public sealed class FormsOptions
{
    /// <summary>Largest file a citizen may upload in a form, whatever the field allows.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Wrong PINs in a row after which a saved draft is locked.</summary>
    public int MaxPinAttempts { get; set; } = 5;

    /// <summary>How long a draft stays locked after too many wrong PINs.</summary>
    public TimeSpan PinLockPeriod { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Collects every problem of the host settings at once, so an operator fixes them in one go.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Gateway:DataDirectory must name a directory.");
        }

        if (options.Forms.MaxPinAttempts is < 1 or > 20)
        {
            failures.Add("Gateway:Forms:MaxPinAttempts must be between 1 and 20.");
        }

        if (options.Forms.PinLockPeriod < TimeSpan.FromMinutes(1) || options.Forms.PinLockPeriod > TimeSpan.FromDays(1))
        {
            failures.Add("Gateway:Forms:PinLockPeriod must be between 1 minute and 1 day.");
        }

        if (options.PublicBaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            failures.Add("Gateway:PublicBaseUrl must be an absolute http(s) address.");
        }

        if (options.Forms.MaxUploadBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add("Gateway:Forms:MaxUploadBytes must be between 1 KB and 1 GB.");
        }

        if (options.Worker.Workers is < 0 or > 64)
        {
            failures.Add("Gateway:Worker:Workers must be between 0 and 64.");
        }

        if (options.Worker.PollInterval < TimeSpan.FromMilliseconds(50) || options.Worker.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Gateway:Worker:PollInterval must be between 50 ms and 10 minutes.");
        }

        if (options.Worker.SweepInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Gateway:Worker:SweepInterval must be at least one second.");
        }

        if (options.Worker.ClusterCheckinInterval < TimeSpan.FromSeconds(1) || options.Worker.ClusterCheckinInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("Gateway:Worker:ClusterCheckinInterval must be between 1 second and 5 minutes.");
        }

        if (options.Worker.ClusterCheckinMisfireThreshold < TimeSpan.FromSeconds(1) || options.Worker.ClusterCheckinMisfireThreshold > TimeSpan.FromMinutes(10))
        {
            failures.Add("Gateway:Worker:ClusterCheckinMisfireThreshold must be between 1 second and 10 minutes.");
        }

        if (!IsValidCron(options.Worker.RetentionCron))
        {
            failures.Add($"Gateway:Worker:RetentionCron '{options.Worker.RetentionCron}' is not a valid Quartz cron expression.");
        }

        if (options.Api.MaxSubmissionBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add("Gateway:Api:MaxSubmissionBytes must be between 1 KB and 1 GB.");
        }

        if (options.Api.OperatorKeys.Any(k => k.Length < 32))
        {
            failures.Add("Gateway:Api:OperatorKeys: every key must have at least 32 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            _ = new Quartz.CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
