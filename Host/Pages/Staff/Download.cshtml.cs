using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using EfaGateway.Mappers.Xdomea;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>
/// The downloads of a Postkorb item: <c>datei/{nr}</c> one file, <c>zip</c> all files, <c>xdomea</c> the export for the
/// records system. Each marks the item fetched and is audited (StaffPostkorb). They are GET links so they work without
/// script; no other site can trigger one in a staff member's name, as the session cookie is SameSite=Strict.
/// </summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class DownloadModel(ICatalogStore catalog, StaffPostkorb postkorb) : StaffPageModel(catalog)
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public string Kind { get; set; } = string.Empty;

    [FromRoute(Name = "nr")]
    public int? Number { get; set; }

    /// <summary>Why the xdomea export failed: the exporter names configuration and positions, never application data.</summary>
    public string? ExportFailure { get; private set; }

    public string ItemLink => StaffRoutes.Item(Tenant, Id);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        return (Kind, Number) switch
        {
            ("datei", { } number) => await FileAsync(number, cancellationToken),
            ("zip", null) => await ZipAsync(cancellationToken),
            ("xdomea", null) => await XdomeaAsync(cancellationToken),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult> FileAsync(int number, CancellationToken cancellationToken) =>
        await postkorb.DownloadFileAsync(User, Tenant, Id, number, cancellationToken) is { } download
            ? File(download.Content, download.File.MediaType, PostkorbZip.Sanitize(download.File.Name))
            : NotFound();

    private async Task<IActionResult> ZipAsync(CancellationToken cancellationToken)
    {
        if (await postkorb.BeginZipAsync(User, Tenant, Id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        // Streamed: the files go from the blob store through the ZIP into the response without being held whole.
        Response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(PostkorbZip.FileName(item));
        Response.Headers.ContentDisposition = disposition.ToString();
        await postkorb.WriteZipAsync(item, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    private async Task<IActionResult> XdomeaAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await postkorb.ExportXdomeaAsync(User, Tenant, Id, cancellationToken) is { } package
                ? File(package.Content, XdomeaExporter.MediaType, package.FileName)
                : NotFound();
        }
        catch (XdomeaExportException ex)
        {
            ExportFailure = ex.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
