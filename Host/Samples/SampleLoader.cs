using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Host.Samples;

/// <summary>
/// Loads <c>processes/*.json</c> (process definitions) and <c>tenants/*.json</c> (tenants with their enabled processes
/// and routes) from a folder. Adds only what is missing, so it is safe on every start.
/// </summary>
public sealed partial class SampleLoader(ICatalogStore catalog, TimeProvider time, ILogger<SampleLoader> logger)
{
    private static readonly JsonSerializerOptions TenantJson = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public async Task<SampleLoadReport> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The samples folder '{directory}' does not exist.");
        }

        var processesAdded = 0;
        foreach (var file in Files(directory, "processes"))
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            var definition = ProcessDefinitionJson.Parse(json);
            if (await catalog.FindProcessDefinitionAsync(definition.Id, definition.Version, cancellationToken) is null)
            {
                await catalog.AddProcessDefinitionAsync(definition, json, cancellationToken);
                processesAdded++;
            }
        }

        var tenantsAdded = 0;
        foreach (var file in Files(directory, "tenants"))
        {
            var sample = JsonSerializer.Deserialize<TenantSample>(await File.ReadAllTextAsync(file, cancellationToken), TenantJson)
                ?? throw new InvalidDataException($"{file} is empty.");
            if (await catalog.FindTenantAsync(sample.Id, cancellationToken) is not null)
            {
                continue;
            }

            await catalog.AddTenantAsync(new Tenant(sample.Id, sample.Name, time.GetUtcNow()), cancellationToken);
            foreach (var process in sample.Processes)
            {
                var routes = process.Routes.Select(r => new RouteDefinition
                {
                    TransportId = r.Transport,
                    MapperIds = r.Mappers,
                    FallbackTransportId = r.FallbackTransport,
                }).ToList();
                await catalog.EnableProcessAsync(sample.Id, process.Process, process.Version, routes, process.PostkorbRetentionDays ?? 90, cancellationToken);
            }

            tenantsAdded++;
        }

        LogLoaded(logger, processesAdded, tenantsAdded, directory);
        return new SampleLoadReport(processesAdded, tenantsAdded);
    }

    private static IEnumerable<string> Files(string directory, string kind)
    {
        var folder = Path.Combine(directory, kind);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal) : [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Samples: {Processes} process definition(s) and {Tenants} tenant(s) added from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int processes, int tenants, string directory);

    private sealed record TenantSample(string Id, string Name, IReadOnlyList<TenantProcessSample> Processes);

    private sealed record TenantProcessSample(string Process, string Version, int? PostkorbRetentionDays, IReadOnlyList<RouteSample> Routes);

    private sealed record RouteSample(string Transport, IReadOnlyList<string> Mappers, string? FallbackTransport);
}

public sealed record SampleLoadReport(int ProcessesAdded, int TenantsAdded);
