using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;

namespace EfaGateway.Host.Routes;

/// <summary>The outcome of setting routes: the routes as stored (secrets masked), or every problem found.</summary>
public sealed record RouteChange(RouteDocument? Routes, IReadOnlyList<string> Problems, bool NotFound = false);

/// <summary>
/// Sets and shows the routes of a tenant's process, so any transport can be pointed anywhere without code. Every
/// route is checked before anything is stored — transport, mappers and fallback registered, settings accepted by
/// the transport — and all problems are reported at once. Secrets are masked whenever routes are shown.
/// </summary>
public sealed class RouteConfiguration(ICatalogStore catalog, IServiceProvider services)
{
    public const string Mask = "********";

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(RouteDocument document) => JsonSerializer.Serialize(document, WriteOptions);

    public async Task<RouteChange> ShowAsync(string tenantId, string processId, CancellationToken cancellationToken)
    {
        var binding = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken);
        return binding is null
            ? new RouteChange(null, [$"Process '{processId}' is not enabled for tenant '{tenantId}'."], NotFound: true)
            : new RouteChange(Masked(binding.Routes), []);
    }

    public async Task<RouteChange> SetAsync(string tenantId, string processId, string json, CancellationToken cancellationToken)
    {
        var binding = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken);
        if (binding is null)
        {
            return new RouteChange(null, [$"Process '{processId}' is not enabled for tenant '{tenantId}'."], NotFound: true);
        }

        RouteDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RouteDocument>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            return new RouteChange(null, [$"The routes file is not valid: {ex.Message}"]);
        }

        var problems = new List<string>();
        var routes = new List<RouteDefinition>();
        if (document?.Routes is not { Count: > 0 } entries)
        {
            return new RouteChange(null, ["The routes file needs \"routes\": a list with at least one route."]);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var route = Check(entries[i], $"routes[{i}]", problems);
            if (route is not null)
            {
                routes.Add(route);
            }
        }

        if (routes.GroupBy(r => r.TransportId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"Transport '{twice.Key}' appears in more than one route; a process has one route per transport.");
        }

        if (problems.Count > 0)
        {
            return new RouteChange(null, problems);
        }

        await catalog.EnableProcessAsync(tenantId, processId, binding.Process.Version, routes, binding.PostkorbRetentionDays, cancellationToken);
        return new RouteChange(Masked(routes), []);
    }

    private RouteDefinition? Check(RouteEntry entry, string where, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(entry.Transport) || services.GetKeyedService<ITransport>(entry.Transport) is null)
        {
            problems.Add($"{where}.transport '{entry.Transport}' is not a transport of this gateway.");
        }

        if (entry.Mappers is not { Count: > 0 })
        {
            problems.Add($"{where}.mappers needs at least one mapper.");
        }
        else
        {
            problems.AddRange(entry.Mappers.Where(m => services.GetKeyedService<IMapper>(m) is null)
                .Select(m => $"{where}.mappers: '{m}' is not a mapper of this gateway."));
        }

        if (entry.Fallback is { } fallback && (fallback == entry.Transport || services.GetKeyedService<ITransport>(fallback) is null))
        {
            problems.Add($"{where}.fallback '{fallback}' is not another transport of this gateway.");
        }

        if (entry.Transport is { } transport)
        {
            var rules = services.GetKeyedService<ITransportSettings>(transport);
            if (rules is not null)
            {
                problems.AddRange(rules.Validate(entry.Settings).Select(p => $"{where}.settings: {p}"));
            }
            else if (entry.Settings is { ValueKind: not JsonValueKind.Null })
            {
                problems.Add($"{where}.settings: transport '{transport}' takes no settings.");
            }
        }

        return problems.Count > before
            ? null
            : new RouteDefinition
            {
                TransportId = entry.Transport!,
                MapperIds = entry.Mappers!,
                FallbackTransportId = entry.Fallback,
                Settings = entry.Settings is { ValueKind: JsonValueKind.Object } ? entry.Settings : null,
            };
    }

    private RouteDocument Masked(IEnumerable<RouteDefinition> routes) => new()
    {
        Routes = [.. routes.Select(route => new RouteEntry
        {
            Transport = route.TransportId,
            Mappers = route.MapperIds,
            Fallback = route.FallbackTransportId,
            Settings = route.Settings is { } settings ? MaskSecrets(route.TransportId, settings) : null,
        })],
    };

    private JsonElement MaskSecrets(string transportId, JsonElement settings)
    {
        var secrets = services.GetKeyedService<ITransportSettings>(transportId)?.SecretNames ?? [];
        if (JsonNode.Parse(settings.GetRawText()) is not JsonObject node)
        {
            return settings;
        }

        // Compared without regard to case: whatever spelling a transport accepts, no secret is ever shown.
        foreach (var name in node.Select(p => p.Key).Where(k => secrets.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            node[name] = Mask;
        }

        return JsonSerializer.SerializeToElement(node);
    }
}
