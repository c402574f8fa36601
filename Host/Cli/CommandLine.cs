using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Retention;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Samples;
using EfaGateway.Persistence;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Cli;

/// <summary>
/// The host executable is also the command-line tool: <c>EfaGateway.Host &lt;verb&gt; …</c> runs one command against the
/// same configuration and database, then exits. Exit codes: 0 done, 1 failed, 2 wrong usage.
/// </summary>
public static partial class CommandLine
{
    private static readonly Dictionary<string, (string Usage, Func<IServiceProvider, string[], TextWriter, Task<int>> Run)> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = ("migrate                      apply pending database migrations", MigrateAsync),
        ["load-samples"] = ("load-samples [--dir <path>]  load tenants and processes from a samples folder (only what is missing)", LoadSamplesAsync),
        ["retention"] = ("retention                    run the deletion rules once now", RetentionAsync),
        ["retry-delivery"] = ("retry-delivery <id>          'retry now' for a dead-lettered or retrying delivery", RetryDeliveryAsync),
        ["import-xdf"] = ("import-xdf <file> --tenant <id> [--process-id <id>] [--codelists <dir>] [--missing-codelists error|text]\n"
            + "                               import a FIM Stammdatenschema (XDatenfelder 2.0/3.0.0) and enable it for the tenant", ImportXdf.RunAsync),
        ["route"] = (RouteVerb.Usage, RouteVerb.RunAsync),
        ["tenant"] = (TenantVerb.Usage, TenantVerb.RunAsync),
        ["process"] = (ProcessVerb.Usage, ProcessVerb.RunAsync),
        ["staff"] = (StaffVerb.Usage, StaffVerb.RunAsync),
        ["privacy"] = (Privacy.PrivacyVerb.Usage, Privacy.PrivacyVerb.RunAsync),
        ["help"] = ("help                         this list", (_, _, output) => Help(output)),
    };

    /// <summary>The verb, if the first argument is one (configuration overrides look like <c>--Key=Value</c> or <c>Key=Value</c>).</summary>
    public static string? FindVerb(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;

    /// <summary>
    /// What the host's configuration reads: for a verb only the <c>--Key=Value</c> overrides, so a verb's own
    /// arguments (an absolute path such as <c>/tmp/routes.json</c> looks like a <c>/key</c> switch) never reach it.
    /// </summary>
    public static string[] HostArguments(string[] args) =>
        FindVerb(args) is null ? args : [.. args.Where(a => ConfigurationArgument().IsMatch(a))];

    public static async Task<int> RunAsync(WebApplication app, string verb, string[] args)
    {
        if (!Verbs.TryGetValue(verb, out var command))
        {
            await Console.Error.WriteLineAsync($"Unknown verb '{verb}'.");
            await Help(Console.Error);
            return 2;
        }

        // Fail early on bad configuration, naming every problem, as the server would.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await using var scope = app.Services.CreateAsyncScope();
        var verbArguments = args[1..].Where(a => !ConfigurationArgument().IsMatch(a)).ToArray();
        return await command.Run(scope.ServiceProvider, verbArguments, Console.Out);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var pending = await migrator.GetPendingMigrationsAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);
        await output.WriteLineAsync(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }

    private static async Task<int> LoadSamplesAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var directory = options.ResolvedSamplesDirectory;
        if (args is ["--dir", var dir])
        {
            directory = Path.GetFullPath(dir);
        }
        else if (args.Length > 0)
        {
            await Console.Error.WriteLineAsync("Usage: load-samples [--dir <path>]");
            return 2;
        }

        var report = await services.GetRequiredService<SampleLoader>().LoadAsync(directory, CancellationToken.None);
        await output.WriteLineAsync($"Loaded {report.ProcessesAdded} process definition(s) and {report.TenantsAdded} tenant(s) from {directory}.");
        return 0;
    }

    private static async Task<int> RetentionAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var report = await services.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
        var sessions = await services.GetRequiredService<Forms.FormSessionStore>().DeleteExpiredAsync(CancellationToken.None);
        await output.WriteLineAsync($"Deleted {report.DraftsDeleted} draft(s), {report.PostkorbItemsDeleted} Postkorb item(s) and {sessions} expired form session(s); purged {report.SubmissionsPurged} submission(s).");
        return 0;
    }

    private static async Task<int> RetryDeliveryAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args is not [var text] || !Guid.TryParse(text, out var id))
        {
            await Console.Error.WriteLineAsync("Usage: retry-delivery <delivery id (GUID)>");
            return 2;
        }

        var result = await services.GetRequiredService<DeliveryOperations>().RetryNowAsync(id, CancellationToken.None);
        switch (result.Status)
        {
            case RetryNowStatus.Scheduled:
                await output.WriteLineAsync($"Delivery {id} is due now; a running host picks it up.");
                return 0;
            case RetryNowStatus.NotFound:
                await Console.Error.WriteLineAsync($"There is no delivery {id}.");
                return 1;
            default:
                await Console.Error.WriteLineAsync($"Delivery {id} is {result.Delivery!.State} and cannot be retried now.");
                return 1;
        }
    }

    private static async Task<int> Help(TextWriter output)
    {
        await output.WriteLineAsync("Usage: EfaGateway.Host [<verb> [options]] [--Section:Key=Value …]");
        await output.WriteLineAsync("Without a verb the gateway serves. Verbs:");
        foreach (var (_, (usage, _)) in Verbs)
        {
            await output.WriteLineAsync("  " + usage);
        }

        return 0;
    }

    /// <summary>Configuration overrides (<c>--Section:Key=Value</c>, <c>Key=Value</c>) belong to the host, not the verb.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^(--|/)?[A-Za-z][A-Za-z0-9_.:]*=")]
    private static partial System.Text.RegularExpressions.Regex ConfigurationArgument();
}
