using EfaGateway.Host.Security;
using EfaGateway.Mappers.Xdomea;
using EfaGateway.Transports.Postkorb;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>The Postkorb as JSON: list items, open one, download its files. (The staff UI comes with issue 6.)</summary>
public static class PostkorbApi
{
    public static RouteGroupBuilder MapPostkorbApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenants/{tenant}/postkorb").WithTags("Postkorb").RequireAuthorization(OperatorApiKeyAuthentication.Policy);
        group.MapGet("/", ListAsync).WithSummary("Items in the tenant's Postkorb, newest first; optionally of one process.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One Postkorb item with its files.");
        group.MapGet("/{id:guid}/files/{index:int}", DownloadAsync).WithSummary("Download one file; the first download marks the item fetched.");
        group.MapGet("/{id:guid}/xdomea", ExportXdomeaAsync)
            .WithSummary("The item as an xdomea 3.0 message (Information.Information.0101) in its ZIP container, for a records system; counts as a download.");
        return api;
    }

    internal static async Task<Ok<List<PostkorbItemDto>>> ListAsync(string tenant, string? process, PostkorbInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok((await inbox.ListAsync(tenant, process, cancellationToken)).Select(i => PostkorbItemDto.From(i, tenant)).ToList());

    internal static async Task<Results<Ok<PostkorbItemDto>, ProblemHttpResult>> GetAsync(string tenant, Guid id, PostkorbInbox inbox, CancellationToken cancellationToken) =>
        await inbox.FindAsync(tenant, id, cancellationToken) is { } item
            ? TypedResults.Ok(PostkorbItemDto.From(item, tenant))
            : Problems.NotFound("Diesen Eintrag gibt es im Postkorb nicht. (There is no such Postkorb item.)");

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string tenant, Guid id, int index, PostkorbInbox inbox, HttpContext context, CancellationToken cancellationToken)
    {
        var who = context.User.Identity?.Name ?? "unknown";
        var download = await inbox.DownloadAsync(tenant, id, index, who, cancellationToken);
        return download is null
            ? Problems.NotFound("Diese Datei gibt es im Postkorb nicht. (There is no such file.)")
            : TypedResults.File(download.Content, download.File.MediaType, download.File.Name);
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportXdomeaAsync(
        string tenant, Guid id, XdomeaExporter exporter, HttpContext context, CancellationToken cancellationToken)
    {
        XdomeaPackage? package;
        try
        {
            package = await exporter.ExportAsync(tenant, id, context.User.Identity?.Name ?? "unknown", cancellationToken);
        }
        catch (XdomeaExportException ex)
        {
            // The exporter's reasons name configuration, positions and code points, never application data.
            return Problems.Conflict($"Dieser Eintrag kann nicht als xdomea-Nachricht exportiert werden. (This item cannot be exported as xdomea.) {ex.Message}");
        }

        return package is null
            ? Problems.NotFound("Diesen Eintrag gibt es im Postkorb nicht. (There is no such Postkorb item.)")
            : TypedResults.File(package.Content, XdomeaExporter.MediaType, package.FileName);
    }
}
