using System.Globalization;
using System.Security.Claims;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Mappers.Xdomea;
using EfaGateway.Transports.Postkorb;

namespace EfaGateway.Host.Staff;

/// <summary>
/// The Postkorb as a signed-in staff member sees it: only items of processes granted to them (StaffAccess), of their own
/// tenant. Every download — one file, all as ZIP, the xdomea export — marks the item fetched by their login and is
/// written to the tenant's audit log, naming the item and which files by number and type, never their contents or names
/// (upload names are the applicant's and may hold personal data).
/// </summary>
public sealed class StaffPostkorb(PostkorbInbox inbox, StaffAccess access, ICatalogStore catalog, IAuditLog audit, IBlobStore blobs, XdomeaExporter xdomea)
{
    /// <summary>The processes the staff member may see, with their titles and Postkorb retention, by title.</summary>
    public async Task<IReadOnlyList<InboxProcess>> ProcessesAsync(ClaimsPrincipal user, string tenantId, bool english, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleProcessesAsync(user, tenantId, cancellationToken);
        if (visible.Count == 0)
        {
            return [];
        }

        var enabled = (await catalog.ListTenantProcessesAsync(tenantId, cancellationToken)).ToDictionary(p => p.Process.Id, StringComparer.Ordinal);

        // A granted process the tenant no longer offers keeps its items until they expire: it is listed under its id.
        return visible
            .Select(id => enabled.TryGetValue(id, out var p)
                ? new InboxProcess(id, p.Process.Title.For(english ? "en" : "de"), p.PostkorbRetentionDays)
                : new InboxProcess(id, id, null))
            .OrderBy(p => p.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The items of one process, newest first. The caller has checked the process is visible.</summary>
    public async Task<IReadOnlyList<PostkorbItem>> ItemsAsync(string tenantId, string processId, CancellationToken cancellationToken) =>
        (await inbox.ListAsync(tenantId, processId, cancellationToken)).OrderByDescending(i => i.ProvidedAt).ToList();

    /// <summary>The item when it exists at this tenant and its process is granted to the user; else null (the page says 404 either way).</summary>
    public async Task<PostkorbItem?> OpenAsync(ClaimsPrincipal user, string tenantId, Guid itemId, CancellationToken cancellationToken)
    {
        var item = await inbox.FindAsync(tenantId, itemId, cancellationToken);
        return item is not null && await MaySeeAsync(user, tenantId, item.ProcessId, cancellationToken) ? item : null;
    }

    /// <summary>One file of a granted item (marks it fetched, audited), or null.</summary>
    public async Task<PostkorbDownload?> DownloadFileAsync(ClaimsPrincipal user, string tenantId, Guid itemId, int index, CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, tenantId, itemId, cancellationToken) is not { } item || index < 0 || index >= item.Files.Count)
        {
            return null;
        }

        var download = await inbox.DownloadAsync(tenantId, itemId, index, StaffPrincipal.Login(user), cancellationToken);
        if (download is not null)
        {
            await RecordAsync(user, item, string.Create(CultureInfo.InvariantCulture, $"file {index} ({Kind(download.File)})"), cancellationToken);
        }

        return download;
    }

    /// <summary>
    /// Before the ZIP of a granted item is streamed: checks every file is in the blob store (nothing is sent otherwise),
    /// marks the item fetched and audits. Null when the item may not be opened or a file is missing.
    /// </summary>
    public async Task<PostkorbItem?> BeginZipAsync(ClaimsPrincipal user, string tenantId, Guid itemId, CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, tenantId, itemId, cancellationToken) is not { } item)
        {
            return null;
        }

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in blobs.ListKeysAsync(BlobKeys.PostkorbPrefix(item.Id), cancellationToken))
        {
            stored.Add(key);
        }

        if (item.Files.Count == 0 || !item.Files.All(f => stored.Contains(f.BlobKey)))
        {
            return null;
        }

        await inbox.MarkFetchedAsync(item, StaffPrincipal.Login(user), cancellationToken);
        var files = string.Join(", ", item.Files.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{i} ({Kind(f)})")));
        await RecordAsync(user, item, $"ZIP of all files: {files}", cancellationToken);
        return item;
    }

    public Task WriteZipAsync(PostkorbItem item, Stream destination, CancellationToken cancellationToken) =>
        PostkorbZip.WriteAsync(item, blobs, destination, cancellationToken);

    /// <summary>
    /// The xdomea package of a granted item (the exporter marks it fetched; audited here), or null. Throws
    /// <see cref="XdomeaExportException"/> when the item cannot be exported; then nothing is marked or audited.
    /// </summary>
    public async Task<XdomeaPackage?> ExportXdomeaAsync(ClaimsPrincipal user, string tenantId, Guid itemId, CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, tenantId, itemId, cancellationToken) is not { } item)
        {
            return null;
        }

        var package = await xdomea.ExportAsync(tenantId, itemId, StaffPrincipal.Login(user), cancellationToken);
        if (package is not null)
        {
            await RecordAsync(user, item, string.Create(CultureInfo.InvariantCulture, $"xdomea export of {item.Files.Count} files, ProzessID {package.ProzessId:D}"), cancellationToken);
        }

        return package;
    }

    private async Task<bool> MaySeeAsync(ClaimsPrincipal user, string tenantId, string processId, CancellationToken cancellationToken) =>
        (await access.VisibleProcessesAsync(user, tenantId, cancellationToken)).Contains(processId, StringComparer.Ordinal);

    private Task RecordAsync(ClaimsPrincipal user, PostkorbItem item, string what, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent(item.TenantId, StaffPrincipal.Login(user), AuditActions.PostkorbDownload, item.Id.ToString("D"),
            $"Vorgangsnummer {item.Vorgangsnummer}; {what}"), cancellationToken);

    private static string Kind(PostkorbFile file) => StaffFormat.Kind(file.MediaType);
}

/// <summary>A process in the staff member's inbox; <paramref name="RetentionDays"/> is null when the tenant no longer offers it.</summary>
public sealed record InboxProcess(string Id, string Title, int? RetentionDays);
