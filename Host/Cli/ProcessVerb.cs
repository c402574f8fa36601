using System.Globalization;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Admin;

namespace EfaGateway.Host.Cli;

/// <summary><c>process list | add &lt;definition.json&gt; | enable &lt;tenant&gt; &lt;process&gt; [--version v] [--retention-days n]</c>.</summary>
public static class ProcessVerb
{
    public const string Usage = "process list | add <definition.json> | enable <tenant> <process> [--version <v>] [--retention-days <1-90>]\n"
        + "                               store process definitions (e.g. from samples/processes) and offer them at a tenant";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var administration = services.GetRequiredService<TenantAdministration>();
        switch (args)
        {
            case ["list"]:
                foreach (var definition in await services.GetRequiredService<ICatalogStore>().ListProcessDefinitionsAsync(CancellationToken.None))
                {
                    await output.WriteLineAsync($"{definition.ProcessId}\t{definition.Version}\t{definition.Title}");
                }

                return 0;
            case ["add", var file]:
                if (!File.Exists(file))
                {
                    await Console.Error.WriteLineAsync($"There is no file '{file}'.");
                    return 1;
                }

                var added = await administration.AddProcessDefinitionAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
                return added is AdminResult<ProcessDefinition>.Done done
                    ? await Done(output, $"Stored process '{done.Value.Id}' version {done.Value.Version}.")
                    : await TenantVerb.ReportAsync(output, added);
            case ["enable", var tenant, var process, .. var options] when TryOptions(options, out var version, out var days):
                var enabled = await administration.EnableProcessAsync(tenant, process, version, days, CancellationToken.None);
                return enabled is AdminResult<TenantProcess>.Done on
                    ? await Done(output, $"Tenant '{tenant}' offers '{process}' version {on.Value.Process.Version} (Postkorb retention {on.Value.PostkorbRetentionDays} days).")
                    : await TenantVerb.ReportAsync(output, enabled);
            default:
                await Console.Error.WriteLineAsync("Usage: " + Usage);
                return 2;
        }
    }

    private static bool TryOptions(string[] options, out string? version, out int? days)
    {
        (version, days) = (null, null);
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i..])
            {
                case ["--version", var v, ..]:
                    version = v;
                    break;
                case ["--retention-days", var d, ..] when int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    days = parsed;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static async Task<int> Done(TextWriter output, string message)
    {
        await output.WriteLineAsync(message);
        return 0;
    }
}
