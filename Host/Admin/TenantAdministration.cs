using EfaGateway.Core.Blobs;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Admin;

/// <summary>
/// Bringing a municipality on board and keeping its record: tenants with profile and logo, process definitions, which
/// process a tenant offers. One place for the admin API and the CLI verbs, so both refuse the same input the same way.
/// </summary>
public sealed class TenantAdministration(ICatalogStore catalog, IBlobStore blobs, TimeProvider time, IOptions<GatewayOptions> options)
{
    public const int MaxLogoBytes = 256 * 1024;
    private static readonly IReadOnlyList<RouteDefinition> DefaultRoutes =
        [new RouteDefinition { TransportId = "postkorb", MapperIds = ["pdf", "canonical-xml"] }];

    public async Task<AdminResult<Tenant>> CreateAsync(TenantInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = input.Problems();
        if (!TenantId.IsValid(input.Id))
        {
            problems["id"] = ["Die Kennung besteht aus 2 bis 64 Kleinbuchstaben, Ziffern und einzelnen Bindestrichen, z. B. schoenwetter-am-berg. " +
                "(2 to 64 lower-case letters, digits and single hyphens.)"];
        }

        if (problems.Count > 0)
        {
            return new AdminResult<Tenant>.Invalid(problems);
        }

        if (await catalog.FindTenantAsync(input.Id!, cancellationToken) is not null)
        {
            return new AdminResult<Tenant>.Conflict($"Den Mandanten '{input.Id}' gibt es schon. (Tenant '{input.Id}' exists already.)");
        }

        var tenant = new Tenant(input.Id!, input.Name!.Trim(), time.GetUtcNow());
        tenant.UpdateProfile(input.Profile);
        await catalog.AddTenantAsync(tenant, cancellationToken);
        return new AdminResult<Tenant>.Done(tenant);
    }

    public async Task<AdminResult<Tenant>> UpdateAsync(string tenantId, TenantInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Id is not null && input.Id != tenantId)
        {
            return AdminResult.Problem<Tenant>("id", "Die Kennung eines Mandanten ändert sich nicht. (A tenant's id cannot change.)");
        }

        if (input.Problems() is { Count: > 0 } problems)
        {
            return new AdminResult<Tenant>.Invalid(problems);
        }

        var updated = await catalog.UpdateTenantAsync(tenantId, tenant =>
        {
            tenant.Rename(input.Name!.Trim());
            tenant.UpdateProfile(input.Profile);
        }, cancellationToken);
        return updated ? new AdminResult<Tenant>.Done((await catalog.FindTenantAsync(tenantId, cancellationToken))!) : NoTenant<Tenant>(tenantId);
    }

    /// <summary>Stores a PNG or JPEG logo (checked by its bytes, not the declared type); SVG is refused as it can carry script.</summary>
    public async Task<AdminResult<Tenant>> SetLogoAsync(string tenantId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (content.Length > MaxLogoBytes)
        {
            return AdminResult.Problem<Tenant>("logo", $"Das Logo ist größer als {MaxLogoBytes / 1024} KB. (The logo is larger than {MaxLogoBytes / 1024} KB.)");
        }

        var mediaType = LogoMediaType(content.Span);
        if (mediaType is null)
        {
            return AdminResult.Problem<Tenant>("logo", "Das Logo muss ein PNG- oder JPEG-Bild sein. (The logo must be a PNG or JPEG image.)");
        }

        if (await catalog.FindTenantAsync(tenantId, cancellationToken) is null)
        {
            return NoTenant<Tenant>(tenantId);
        }

        await blobs.PutAsync(BlobKeys.TenantLogo(tenantId), content, cancellationToken);
        await catalog.UpdateTenantAsync(tenantId, tenant => tenant.SetLogo(mediaType), cancellationToken);
        return new AdminResult<Tenant>.Done((await catalog.FindTenantAsync(tenantId, cancellationToken))!);
    }

    /// <summary>A tenant with its processes, routes (transports and mappers only) and entry links.</summary>
    public async Task<TenantOverview?> ShowAsync(string tenantId, Uri requestBase, CancellationToken cancellationToken)
    {
        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            return null;
        }

        var processes = await catalog.ListTenantProcessesAsync(tenantId, cancellationToken);
        var site = EntryLinks.Base(options.Value.PublicBaseUrl, requestBase);
        return new TenantOverview(tenant, [.. processes.Select(p => new TenantProcessOverview(
            p.Process.Id, p.Process.Version, p.Process.Title.De, p.PostkorbRetentionDays,
            [.. p.Routes.Select(r => new RouteOverview(r.TransportId, r.MapperIds, r.FallbackTransportId))],
            EntryLinks.For(site, tenantId, p.Process.Id)))]);
    }

    public async Task<AdminResult<ProcessDefinition>> AddProcessDefinitionAsync(string json, CancellationToken cancellationToken)
    {
        ProcessDefinition definition;
        try
        {
            definition = ProcessDefinitionJson.Parse(json);
        }
        catch (ProcessDefinitionException ex)
        {
            return new AdminResult<ProcessDefinition>.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["definition"] = [.. ex.Problems] });
        }

        if (await catalog.FindProcessDefinitionAsync(definition.Id, definition.Version, cancellationToken) is not null)
        {
            return new AdminResult<ProcessDefinition>.Conflict(
                $"Die Leistung '{definition.Id}' gibt es schon in Version {definition.Version}; eine geänderte Definition braucht eine neue Version. " +
                $"(Process '{definition.Id}' version {definition.Version} is stored already; a changed definition needs a new version.)");
        }

        await catalog.AddProcessDefinitionAsync(definition, json, cancellationToken);
        return new AdminResult<ProcessDefinition>.Done(definition);
    }

    /// <summary>
    /// Offers a stored process version at the tenant. Routes stay as they are for a process the tenant already offers;
    /// a new one goes to the Postkorb until an operator sets routes (<c>route set</c>).
    /// </summary>
    public async Task<AdminResult<TenantProcess>> EnableProcessAsync(string tenantId, string processId, string? version, int? retentionDays,
        CancellationToken cancellationToken)
    {
        if (retentionDays is < 1 or > 90)
        {
            return AdminResult.Problem<TenantProcess>("postkorbRetentionDays",
                "Die Aufbewahrung im Postkorb liegt zwischen 1 und 90 Tagen. (The Postkorb retention is 1 to 90 days.)");
        }

        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            return NoTenant<TenantProcess>(tenantId);
        }

        if (tenant.ClosedAt is not null)
        {
            return new AdminResult<TenantProcess>.Conflict($"Der Vertrag von '{tenantId}' ist beendet. (The contract of '{tenantId}' has ended.)");
        }

        var versions = (await catalog.ListProcessDefinitionsAsync(cancellationToken)).Where(d => d.ProcessId == processId).ToList();
        var chosen = version ?? versions.Select(v => v.Version).OrderBy(v => Version.TryParse(v, out var parsed) ? parsed : new Version(0, 0)).LastOrDefault();
        if (chosen is null || versions.All(v => v.Version != chosen))
        {
            return new AdminResult<TenantProcess>.NotFound(version is null
                ? $"Eine Leistung '{processId}' ist nicht hinterlegt. (No process '{processId}' is stored.)"
                : $"Die Leistung '{processId}' gibt es nicht in Version {version}. (Process '{processId}' has no version {version}.)");
        }

        var current = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken);
        await catalog.EnableProcessAsync(tenantId, processId, chosen, current?.Routes ?? DefaultRoutes,
            retentionDays ?? current?.PostkorbRetentionDays ?? 90, cancellationToken);
        return new AdminResult<TenantProcess>.Done((await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken))!);
    }

    private static string? LogoMediaType(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    private static AdminResult<T> NoTenant<T>(string tenantId) =>
        new AdminResult<T>.NotFound(Api.Problems.NoTenantDetail(tenantId));
}

/// <summary>A tenant as the admin API and <c>tenant show</c> present it.</summary>
public sealed record TenantOverview(Tenant Tenant, IReadOnlyList<TenantProcessOverview> Processes);

public sealed record TenantProcessOverview(string Process, string Version, string Title, int PostkorbRetentionDays,
    IReadOnlyList<RouteOverview> Routes, Uri EntryLink);

public sealed record RouteOverview(string Transport, IReadOnlyList<string> Mappers, string? Fallback);
