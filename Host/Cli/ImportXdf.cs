using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Host.Composition;
using EfaGateway.Host.Fim;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Cli;

/// <summary>The <c>import-xdf</c> verb: prints the import report; exits 1 on an invalid file or an import problem, 2 on wrong usage.</summary>
internal static class ImportXdf
{
    private const string Usage = "Usage: import-xdf <file> --tenant <id> [--process-id <id>] [--codelists <dir>] [--missing-codelists error|text]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (!TryParse(args, out var file, out var options))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var codeListDirectory = options.GetValueOrDefault("--codelists") is { } dir ? Path.GetFullPath(dir) : gateway.ResolvedCodeListsDirectory;
        CodeListCatalog catalog;
        try
        {
            catalog = CodeListCatalog.FromDirectory(codeListDirectory);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or CodeListFormatException or System.Xml.XmlException)
        {
            await Console.Error.WriteLineAsync($"The code-list catalogue cannot be read: {ex.Message}");
            return 1;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"The file '{file}' does not exist.");
            return 1;
        }

        var importOptions = new ImportOptions
        {
            ProcessId = options.GetValueOrDefault("--process-id"),
            CodeLists = catalog,
            MissingCodeLists = options.GetValueOrDefault("--missing-codelists") == "text" ? MissingCodeListMode.Text : MissingCodeListMode.Error,
        };
        await using var stream = File.OpenRead(file);
        var outcome = await services.GetRequiredService<FimImportService>().ImportAsync(stream, options["--tenant"], importOptions, CancellationToken.None);
        if (outcome.Result is not { } result)
        {
            await Console.Error.WriteLineAsync($"{Path.GetFileName(file)} was not imported:");
            foreach (var problem in outcome.Problems)
            {
                await Console.Error.WriteLineAsync("  " + problem);
            }

            return 1;
        }

        await output.WriteAsync(result.Report.Format());
        await output.WriteLineAsync(outcome.AlreadyStored
            ? $"Process {result.Definition.Id} {result.Definition.Version} was already stored unchanged; it is enabled for tenant {options["--tenant"]}."
            : $"Stored process {result.Definition.Id} {result.Definition.Version} and enabled it for tenant {options["--tenant"]} (code lists from {codeListDirectory}).");
        return 0;
    }

    private static bool TryParse(string[] args, out string file, out Dictionary<string, string> options)
    {
        file = string.Empty;
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--tenant", "--process-id", "--codelists", "--missing-codelists"];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!known.Contains(args[i]) || i + 1 >= args.Length || options.ContainsKey(args[i]))
                {
                    return false;
                }

                options[args[i]] = args[++i];
            }
            else if (file.Length == 0)
            {
                file = args[i];
            }
            else
            {
                return false;
            }
        }

        return file.Length > 0 && options.ContainsKey("--tenant") &&
            options.GetValueOrDefault("--missing-codelists", "error") is "error" or "text";
    }
}
