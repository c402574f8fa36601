using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Api;
using EfaGateway.Host.Routes;
using EfaGateway.Transports.Postkorb;

namespace EfaGateway.Host.Admin;

/// <summary>
/// The archive a municipality gets at contract end: its configuration (tenant, enabled processes with routes, secrets
/// masked, and the definitions they use), its Postkorb items with their files, its delivery records, and the
/// extras registered as <see cref="ITenantExportPart"/> (staff, audit log). <c>manifest.json</c> lists every file with
/// its size and SHA-256. Files are streamed from the blob store into the archive, never held whole.
/// </summary>
public sealed class TenantExport(ICatalogStore catalog, ITenantDataStore data, PostkorbInbox postkorb, IBlobStore blobs, RouteConfiguration routes,
    TimeProvider time, IEnumerable<ITenantExportPart> parts)
{
    public const string Format = "efagateway-tenant-export/1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the archive to <paramref name="destination"/>; false if there is no such tenant (nothing written).</summary>
    public async Task<bool> WriteAsync(string tenantId, Stream destination, CancellationToken cancellationToken)
    {
        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            return false;
        }

        var manifest = new List<ManifestEntry>();
        await using (var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            var writer = new EntryWriter(zip, manifest, cancellationToken);
            await writer.JsonAsync("tenant.json", TenantDto.From(tenant));
            if (tenant.LogoMediaType is { } logoType)
            {
                await writer.StreamAsync($"tenant-logo.{(logoType == "image/png" ? "png" : "jpg")}", s => blobs.CopyToAsync(BlobKeys.TenantLogo(tenantId), s, cancellationToken));
            }

            var processes = await catalog.ListTenantProcessesAsync(tenantId, cancellationToken);
            var enabled = new List<object>();
            foreach (var p in processes)
            {
                var shown = await routes.ShowAsync(tenantId, p.Process.Id, cancellationToken);
                enabled.Add(new { process = p.Process.Id, version = p.Process.Version, p.PostkorbRetentionDays, routes = shown.Routes?.Routes });
            }

            await writer.JsonAsync("processes.json", enabled);
            foreach (var process in processes)
            {
                var definition = await catalog.FindProcessDefinitionJsonAsync(process.Process.Id, process.Process.Version, cancellationToken);
                await writer.TextAsync($"definitions/{process.Process.Id}-{process.Process.Version}.json", definition ?? "{}");
            }

            foreach (var item in await postkorb.ListAsync(tenantId, null, cancellationToken))
            {
                await writer.JsonAsync($"postkorb/{item.Id}/item.json", PostkorbItemDto.From(item, tenantId));
                for (var i = 0; i < item.Files.Count; i++)
                {
                    var index = i;
                    await writer.StreamAsync($"postkorb/{item.Id}/files/{i}-{SafeName(item.Files[i].Name)}",
                        s => blobs.CopyToAsync(BlobKeys.PostkorbFile(item.Id, index), s, cancellationToken));
                }
            }

            await writer.JsonAsync("deliveries.json", DeliveriesAsync(tenantId, cancellationToken));
            foreach (var part in parts)
            {
                await part.WriteAsync(tenantId, writer, cancellationToken);
            }

            await writer.JsonAsync("manifest.json", new
            {
                format = Format,
                tenant = tenantId,
                exportedAt = time.GetUtcNow(),
                files = manifest.ToList(),
            }, inManifest: false);
        }

        return true;
    }

    /// <summary>A name safe inside an archive: no directories, no control characters.</summary>
    /// <summary>A tenant may have millions of deliveries: they are read a page at a time while the JSON array is written.</summary>
    private async IAsyncEnumerable<DeliveryDto> DeliveriesAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var page = await data.ListDeliveriesAsync(tenantId, new DeliveryListQuery(null, null, after, DeliveryListQuery.MaxLimit), cancellationToken);
            foreach (var delivery in page)
            {
                yield return DeliveryDto.From(delivery);
            }

            if (page.Count < DeliveryListQuery.MaxLimit)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private static string SafeName(string name) =>
        new([.. Path.GetFileName(name).Select(c => char.IsControl(c) || c is '/' or '\\' or ':' ? '_' : c)]);

    public sealed record ManifestEntry(string Path, long Size, string Sha256);

    /// <summary>Writes archive entries and notes each in the manifest with what was actually written.</summary>
    public sealed class EntryWriter(ZipArchive zip, List<ManifestEntry> manifest, CancellationToken cancellationToken)
    {
        public Task JsonAsync(string path, object value, bool inManifest = true) =>
            StreamAsync(path, s => JsonSerializer.SerializeAsync(s, value, Json, cancellationToken), inManifest);

        public Task TextAsync(string path, string text) =>
            StreamAsync(path, s => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask());

        public async Task StreamAsync(string path, Func<Stream, Task> write, bool inManifest = true)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var hashing = new HashingStream(target, hash);
            await write(hashing);
            if (inManifest)
            {
                manifest.Add(new ManifestEntry(path, hashing.Length, Convert.ToHexStringLower(hash.GetHashAndReset())));
            }
        }
    }
}

/// <summary>More of a tenant's data for its export (staff accounts, audit log), contributed by the feature that keeps it.</summary>
public interface ITenantExportPart
{
    Task WriteAsync(string tenantId, TenantExport.EntryWriter writer, CancellationToken cancellationToken);
}
