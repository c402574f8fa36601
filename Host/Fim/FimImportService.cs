using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Host.Fim;

/// <summary>
/// Imports a FIM Stammdatenschema for a tenant: read, turn into a process definition, store it, and enable it for the
/// tenant. A tenant that already has the process keeps its routes; otherwise the application goes to the Postkorb.
/// </summary>
public sealed partial class FimImportService(ICatalogStore catalog, ILogger<FimImportService> logger)
{
    private static readonly IReadOnlyList<RouteDefinition> DefaultRoutes =
        [new RouteDefinition { TransportId = "postkorb", MapperIds = ["canonical-xml", "pdf", "fim-json"] }];

    public async Task<FimImportOutcome> ImportAsync(Stream xdf, string tenantId, ImportOptions options, CancellationToken cancellationToken)
    {
        if (await catalog.FindTenantAsync(tenantId, cancellationToken) is null)
        {
            return FimImportOutcome.Failed([$"There is no tenant '{tenantId}'."]);
        }

        ImportResult result;
        try
        {
            result = XdfImporter.Import(XdfReader.Read(xdf), options);
        }
        catch (XdfFormatException ex)
        {
            return FimImportOutcome.Failed([ex.Message]);
        }
        catch (XdfImportException ex)
        {
            return FimImportOutcome.Failed(ex.Problems);
        }

        var definition = result.Definition;
        var existing = await catalog.FindProcessDefinitionAsync(definition.Id, definition.Version, cancellationToken);
        if (existing is not null && ProcessDefinitionJson.Write(existing) != result.DefinitionJson)
        {
            return FimImportOutcome.Failed([
                $"Process {definition.Id} {definition.Version} already exists with a different definition (other code lists or an edited copy). Import under another --process-id.",
            ]);
        }

        if (existing is null)
        {
            await catalog.AddProcessDefinitionAsync(definition, result.DefinitionJson, cancellationToken);
        }

        var current = await catalog.FindTenantProcessAsync(tenantId, definition.Id, cancellationToken);
        await catalog.EnableProcessAsync(tenantId, definition.Id, definition.Version, current?.Routes ?? DefaultRoutes,
            current?.PostkorbRetentionDays ?? 90, cancellationToken);
        LogImported(logger, definition.Id, definition.Version, tenantId);
        return new FimImportOutcome(result, existing is not null, []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FIM import: process {ProcessId} {Version} enabled for tenant {TenantId}")]
    private static partial void LogImported(ILogger logger, string processId, string version, string tenantId);
}

/// <summary>The import's result, whether the same definition was there already, or the problems that stopped it.</summary>
public sealed record FimImportOutcome(ImportResult? Result, bool AlreadyStored, IReadOnlyList<string> Problems)
{
    public static FimImportOutcome Failed(IReadOnlyList<string> problems) => new(null, false, problems);
}
