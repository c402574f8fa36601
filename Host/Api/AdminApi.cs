using System.Text;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Admin;
using EfaGateway.Host.Routes;
using EfaGateway.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>
/// The operator's API (<c>/api/v1/admin</c>): tenants with profile and logo, process definitions, which process a tenant
/// offers with which routes, delivery states. Only operator keys reach it, never a staff sign-in.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(OperatorApiKeyAuthentication.Policy);
        admin.MapGet("/tenants", ListTenantsAsync).WithSummary("Every tenant.");
        admin.MapPost("/tenants", CreateTenantAsync).WithSummary("Create a tenant (id, name, AGS/ARS, contact, mail sender).");
        admin.MapGet("/tenants/{tenant}", ShowTenantAsync).WithSummary("A tenant with its processes, routes and entry links.");
        admin.MapPut("/tenants/{tenant}", UpdateTenantAsync).WithSummary("Replace a tenant's name and profile.");
        admin.MapPut("/tenants/{tenant}/logo", SetLogoAsync).WithSummary("Upload the logo (PNG or JPEG, at most 256 KB) as the request body.");
        admin.MapGet("/processes", ListProcessesAsync).WithSummary("Every stored process definition version.");
        admin.MapPost("/processes", AddProcessAsync).WithSummary("Store a process definition (JSON as in samples/processes).");
        admin.MapPost("/tenants/{tenant}/processes/import-xdf", ImportXdfAsync)
            .WithSummary("Import a FIM Stammdatenschema (XDatenfelder 2.0/3.0.0 XML as the body) and offer it at the tenant.");
        admin.MapPut("/tenants/{tenant}/processes/{process}", EnableProcessAsync).WithSummary("Offer a process version at the tenant.");
        admin.MapGet("/tenants/{tenant}/processes/{process}/routes", ShowRoutesAsync).WithSummary("The process's routes, secrets masked.");
        admin.MapPut("/tenants/{tenant}/processes/{process}/routes", SetRoutesAsync).WithSummary("Set the process's routes (as `route set`).");
        admin.MapGet("/tenants/{tenant}/deliveries", ListDeliveriesAsync)
            .WithSummary("The tenant's deliveries, oldest first, a page at a time (state, since, after, limit; Link rel=next).");
        admin.MapGet("/tenants/{tenant}/export", ExportAsync).WithSummary("Contract end: the tenant's data as one ZIP with a SHA-256 manifest.");
        admin.MapDelete("/tenants/{tenant}", DeleteAsync).WithSummary("Contract end: delete every row and blob of the tenant (confirm=<tenant id>).");
        return api;
    }

    internal static async Task<Ok<List<TenantDto>>> ListTenantsAsync(ICatalogStore catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListTenantsAsync(cancellationToken)).Select(TenantDto.From).ToList());

    internal static async Task<Results<Created<TenantDto>, ProblemHttpResult>> CreateTenantAsync(
        TenantInput input, TenantAdministration administration, CancellationToken cancellationToken) =>
        await administration.CreateAsync(input, cancellationToken) switch
        {
            AdminResult<Core.Tenants.Tenant>.Done done => TypedResults.Created($"/api/v1/admin/tenants/{done.Value.Id}", TenantDto.From(done.Value)),
            var other => Refusal(other),
        };

    internal static async Task<Results<Ok<TenantOverviewDto>, ProblemHttpResult>> ShowTenantAsync(
        string tenant, TenantAdministration administration, HttpContext context, CancellationToken cancellationToken) =>
        await administration.ShowAsync(tenant, Problems.RequestBase(context), cancellationToken) is { } overview
            ? TypedResults.Ok(TenantOverviewDto.From(overview))
            : Problems.TenantNotFound(tenant);

    internal static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> UpdateTenantAsync(
        string tenant, TenantInput input, TenantAdministration administration, CancellationToken cancellationToken) =>
        await administration.UpdateAsync(tenant, input, cancellationToken) switch
        {
            AdminResult<Core.Tenants.Tenant>.Done done => TypedResults.Ok(TenantDto.From(done.Value)),
            var other => Refusal(other),
        };

    internal static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> SetLogoAsync(
        string tenant, HttpRequest request, TenantAdministration administration, CancellationToken cancellationToken)
    {
        if (await LimitedReadStream.ReadAllAsync(request.Body, TenantAdministration.MaxLogoBytes, cancellationToken) is not { } logo)
        {
            return TooLarge($"Das Logo darf höchstens {TenantAdministration.MaxLogoBytes / 1024} KB groß sein. (The logo may be at most {TenantAdministration.MaxLogoBytes / 1024} KB.)");
        }

        return await administration.SetLogoAsync(tenant, logo, cancellationToken) switch
        {
            AdminResult<Core.Tenants.Tenant>.Done done => TypedResults.Ok(TenantDto.From(done.Value)),
            var other => Refusal(other),
        };
    }

    internal static async Task<Ok<List<ProcessDefinitionSummary>>> ListProcessesAsync(ICatalogStore catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListProcessDefinitionsAsync(cancellationToken)).ToList());

    internal static async Task<Results<Created<ProcessDefinitionSummary>, ProblemHttpResult>> AddProcessAsync(
        HttpRequest request, TenantAdministration administration, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.UnsupportedMediaType();
        }

        if (await LimitedReadStream.ReadAllAsync(request.Body, 2 * 1024 * 1024, cancellationToken) is not { } body)
        {
            return TooLarge("Eine Leistungsdefinition darf höchstens 2 MB groß sein. (A process definition may be at most 2 MB.)");
        }

        return await administration.AddProcessDefinitionAsync(Encoding.UTF8.GetString(body), cancellationToken) switch
        {
            AdminResult<Core.Processes.ProcessDefinition>.Done done => TypedResults.Created($"/api/v1/admin/processes",
                new ProcessDefinitionSummary(done.Value.Id, done.Value.Version, done.Value.Title.De)),
            var other => Refusal(other),
        };
    }

    internal static async Task<Results<Ok<TenantOverviewDto>, ProblemHttpResult>> EnableProcessAsync(
        string tenant, string process, EnableProcessInput input, TenantAdministration administration, HttpContext context,
        CancellationToken cancellationToken) =>
        await administration.EnableProcessAsync(tenant, process, input.Version, input.PostkorbRetentionDays, cancellationToken) switch
        {
            AdminResult<Core.Processes.TenantProcess>.Done => TypedResults.Ok(TenantOverviewDto.From(
                (await administration.ShowAsync(tenant, Problems.RequestBase(context), cancellationToken))!)),
            var other => Refusal(other),
        };

    internal static async Task<Results<Ok<XdfImportDto>, ProblemHttpResult>> ImportXdfAsync(string tenant, string? processId, bool? missingCodeListsAsText,
        HttpRequest request, ICatalogStore catalog, Fim.FimImportService import, Microsoft.Extensions.Options.IOptions<Composition.GatewayOptions> options,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindTenantAsync(tenant, cancellationToken) is null)
        {
            return Problems.TenantNotFound(tenant);
        }

        if (await LimitedReadStream.ReadAllAsync(request.Body, 20 * 1024 * 1024, cancellationToken) is not { } xdf)
        {
            return TooLarge("Ein Stammdatenschema darf höchstens 20 MB groß sein. (A schema may be at most 20 MB.)");
        }

        var importOptions = new EfaGateway.Fim.Import.ImportOptions
        {
            ProcessId = processId,
            CodeLists = EfaGateway.Fim.CodeLists.CodeListCatalog.FromDirectory(options.Value.ResolvedCodeListsDirectory),
            MissingCodeLists = missingCodeListsAsText == true ? EfaGateway.Fim.Import.MissingCodeListMode.Text : EfaGateway.Fim.Import.MissingCodeListMode.Error,
        };
        var outcome = await import.ImportAsync(new MemoryStream(xdf), tenant, importOptions, cancellationToken);
        if (outcome.Result is not { } result)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["xdf"] = [.. outcome.Problems] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Das Stammdatenschema wurde nicht importiert; nichts wurde geändert. (The schema was not imported; nothing was changed.)",
            });
        }

        return TypedResults.Ok(new XdfImportDto(result.Definition.Id, result.Definition.Version, outcome.AlreadyStored, result.Report.Format()));
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ShowRoutesAsync(
        string tenant, string process, RouteConfiguration routes, CancellationToken cancellationToken) =>
        await routes.ShowAsync(tenant, process, cancellationToken) is { Routes: { } document }
            ? TypedResults.Text(RouteConfiguration.Write(document), "application/json")
            : Problems.ProcessNotFound(tenant, process);

    internal static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> SetRoutesAsync(
        string tenant, string process, HttpRequest request, RouteConfiguration routes, CancellationToken cancellationToken)
    {
        if (await LimitedReadStream.ReadAllAsync(request.Body, 1024 * 1024, cancellationToken) is not { } body)
        {
            return TooLarge("Die Routen dürfen höchstens 1 MB groß sein. (The routes may be at most 1 MB.)");
        }

        var change = await routes.SetAsync(tenant, process, Encoding.UTF8.GetString(body), cancellationToken);
        if (change.NotFound)
        {
            return Problems.ProcessNotFound(tenant, process);
        }

        return change.Routes is { } document
            ? TypedResults.Text(RouteConfiguration.Write(document), "application/json")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["routes"] = [.. change.Problems] },
                title: "Die Routen sind fehlerhaft; nichts wurde geändert. (The routes have errors; nothing was changed.)");
    }

    internal static async Task<Results<Ok<List<DeliveryDto>>, ProblemHttpResult>> ListDeliveriesAsync(
        string tenant, string? state, string? since, string? after, string? limit, ICatalogStore catalog, ITenantDataStore data,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (await catalog.FindTenantAsync(tenant, cancellationToken) is null)
        {
            return Problems.TenantNotFound(tenant);
        }

        var (query, error) = DeliveryListParameters.Parse(state, since, after, limit);
        if (query is null)
        {
            return Problems.Malformed(error!);
        }

        var deliveries = await data.ListDeliveriesAsync(tenant, query, cancellationToken);
        if (deliveries.Count == query.Limit)
        {
            // A full page may have a next one: RFC 8288 link to it (the last id is the cursor, so nothing repeats or is skipped).
            var next = DeliveryListParameters.Next(context.Request.Path, query, deliveries[^1].Id);
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(deliveries.Select(DeliveryDto.From).ToList());
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportAsync(
        string tenant, TenantExport export, CancellationToken cancellationToken)
    {
        // The archive is built in a temporary file first (the ZIP writer wants to write synchronously at times, and a
        // failure half way must not leave the client with a truncated archive), sent, and deleted when the stream closes.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (!await export.WriteAsync(tenant, file, cancellationToken))
            {
                await file.DisposeAsync();
                return Problems.TenantNotFound(tenant);
            }

            file.Position = 0;
            return TypedResults.File(file, "application/zip", $"{tenant}-export.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    internal static async Task<Results<Ok<TenantDeletionReport>, ProblemHttpResult>> DeleteAsync(
        string tenant, string? confirm, bool? force, TenantDeletion deletion, CancellationToken cancellationToken)
    {
        if (confirm != tenant)
        {
            return Problems.Malformed($"Zur Bestätigung wiederholen Sie die Kennung: confirm={tenant}. (Repeat the tenant id to confirm: confirm={tenant}.)");
        }

        return await deletion.DeleteAsync(tenant, force == true, cancellationToken) switch
        {
            AdminResult<TenantDeletionReport>.Done done => TypedResults.Ok(done.Value),
            var other => Refusal(other),
        };
    }

    private static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Zu groß. (Too large.)", detail: detail);


    /// <summary>A refused change as ProblemDetails: 400 with the problems by field (RFC 9457 "errors"), 404 or 409.</summary>
    private static ProblemHttpResult Refusal<T>(AdminResult<T> result) => result switch
    {
        AdminResult<T>.Invalid invalid => Problems.InvalidFields(invalid.Problems.ToDictionary()),
        AdminResult<T>.NotFound notFound => Problems.NotFound(notFound.Detail),
        AdminResult<T>.Conflict conflict => Problems.Conflict(conflict.Detail),
        _ => throw new InvalidOperationException("A successful result is no refusal."),
    };
}

/// <summary>An imported FIM schema: the process it became, whether it was stored already, and the import report.</summary>
public sealed record XdfImportDto(string Process, string Version, bool AlreadyStored, string Report);

/// <summary>The body of "offer a process": the version (newest stored if absent) and the Postkorb retention.</summary>
public sealed record EnableProcessInput(string? Version, int? PostkorbRetentionDays);
