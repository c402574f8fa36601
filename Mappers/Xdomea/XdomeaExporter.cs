using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Submissions.Din91379;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// Exports a Postkorb item as an xdomea 3.0.0 message in its ZIP container, for offices without a Fachverfahren that
/// file applications in a records system (DMS/E-Akte).
/// <para>
/// Message type: <c>Information.Information.0101</c> (process "Information austauschen"), which the XSD describes as
/// "Export von Schriftgutobjekten (Akte, Vorgang, Dokument) zur Information oder Übernahme in ein anderes System" —
/// exactly a new incoming Vorgang for the records system to take over. Not chosen: <c>Abgabe.Abgabe.0401</c> (handing
/// over responsibility between authorities or systems, with retention periods and all file metadata), the
/// <c>FVDaten.*</c> family (an online dialogue of a Fachverfahren with a DMS that needs the DMS's own object ids and
/// answers synchronously), <c>Geschaeftsgang.Geschaeftsgang.0201</c> (routing documents through external processing
/// steps) and <c>Aussonderung.*</c> (handing records to an archive).
/// </para>
/// <para>
/// The container follows xdomea's naming: <c>{ProzessID}_Information.Information.0101.zip</c> holding
/// <c>{ProzessID}_Information.Information.0101.xml</c> and every primary document under its <c>Dateiname</c>
/// (<c>{Dokument-UUID}_{original name}</c>). Everything is built in memory and checked (file hashes, the official XSDs)
/// before the package is returned: a failure leaves nothing behind.
/// </para>
/// </summary>
public sealed class XdomeaExporter(
    IPostkorbStore store,
    IBlobStore blobs,
    ICatalogStore catalog,
    XdomeaSchemas schemas,
    IXdomeaIdGenerator ids,
    IOptions<XdomeaOptions> options,
    TimeProvider time)
{
    public const string MediaType = "application/zip";

    /// <summary>How many schema errors a failure names; the first one is usually the cause.</summary>
    private const int ReportedErrors = 3;

    /// <summary>Characters a file name inside the container must not have: path separators and what Windows refuses.</summary>
    private const string ForbiddenInFileNames = "/\\:*?\"<>|";

    /// <summary>
    /// Exports an item of <paramref name="tenantId"/>; like a download, the first export marks the item fetched by
    /// <paramref name="exportedBy"/>. Null when there is no such item for that tenant. Throws
    /// <see cref="XdomeaExportException"/> when the item cannot be exported; it is then not marked.
    /// </summary>
    public async Task<XdomeaPackage?> ExportAsync(string tenantId, Guid itemId, string exportedBy, CancellationToken cancellationToken)
    {
        var item = await store.FindAsync(itemId, cancellationToken);
        if (item is null || item.TenantId != tenantId)
        {
            return null;
        }

        var package = await CreateAsync(item, cancellationToken);
        if (item.FirstFetchedAt is null)
        {
            item.MarkFetched(exportedBy, time.GetUtcNow());
            await store.SaveAsync(item, cancellationToken);
        }

        return package;
    }

    /// <summary>Builds the package of one item without changing it. Throws <see cref="XdomeaExportException"/>.</summary>
    public async Task<XdomeaPackage> CreateAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var settings = options.Value;
        if (!settings.Tenants.TryGetValue(item.TenantId, out var tenant) || tenant.Absender is null || tenant.Empfaenger is null)
        {
            throw new XdomeaExportException(
                $"No xdomea Absender and Empfaenger are configured for tenant '{item.TenantId}' ({XdomeaOptions.SectionName}:Tenants:{item.TenantId}).");
        }

        if (item.Files.Count == 0)
        {
            throw new XdomeaExportException($"Postkorb item {item.Id} has no files; an xdomea Vorgang needs at least one primary document.");
        }

        var title = await ProcessTitleAsync(item, cancellationToken);
        var contents = new List<byte[]>(item.Files.Count);
        var dokumente = new List<XdomeaDokument>(item.Files.Count);
        for (var index = 0; index < item.Files.Count; index++)
        {
            var file = item.Files[index];
            CheckFileName(item, index, file.Name);
            var content = await ReadAsync(item, index, cancellationToken);
            var id = SchriftgutobjektId.For(item.Id, $"dokument/{index}");
            dokumente.Add(new XdomeaDokument(id, index + 1, file.Name, Typ(file), item.ProvidedAt,
                Dateiformat.For(file.Name, file.MediaType, content), $"{id:D}_{file.Name}", file.Name));
            contents.Add(content);
        }

        var message = new XdomeaMessage(
            ids.NewProzessId(),
            time.GetUtcNow(),
            tenant.Absender,
            tenant.Empfaenger,
            settings.Produktname,
            settings.Produktversion ?? typeof(XdomeaExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            new XdomeaVorgang(SchriftgutobjektId.For(item.Id, "vorgang"), title, item.Vorgangsnummer,
                EfaGateway.Core.Time.GermanCivilTime.DateOf(item.ProvidedAt), dokumente));
        var xml = XdomeaMessageWriter.Write(message);
        Validate(xml);
        return new XdomeaPackage($"{message.BaseName}.zip", message.ProzessId, Zip(message, xml, contents));
    }

    private async Task<string> ProcessTitleAsync(PostkorbItem item, CancellationToken cancellationToken)
    {
        // Items outlive configuration changes (90 days): a process no longer enabled still has its id as a Betreff.
        var tenantProcess = await catalog.FindTenantProcessAsync(item.TenantId, item.ProcessId, cancellationToken);
        var title = tenantProcess?.Process.Title.De ?? item.ProcessId;
        if (Din91379.InvalidCharacters(title) is { Count: > 0 } invalid)
        {
            throw new XdomeaExportException(
                $"The title of process '{item.ProcessId}' has characters outside DIN 91379: {CodePoints(invalid)}.");
        }

        return title;
    }

    private async Task<byte[]> ReadAsync(PostkorbItem item, int index, CancellationToken cancellationToken)
    {
        var file = item.Files[index];
        var content = await blobs.GetAsync(file.BlobKey, cancellationToken)
            ?? throw new XdomeaExportException($"File {index} of Postkorb item {item.Id} is missing from the blob store.");
        // The hash recorded at handover travels with the export's promise: what the records system files is what arrived.
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new XdomeaExportException($"File {index} of Postkorb item {item.Id} does not match the SHA-256 recorded at handover.");
        }

        return content;
    }

    /// <summary>
    /// The name becomes a ZIP entry and the Dateiname/DateinameOriginal of the message. The message only ever names the
    /// file by its position and the offending characters (as code points): upload names can carry personal data.
    /// </summary>
    private static void CheckFileName(PostkorbItem item, int index, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim() is "." or "..")
        {
            throw new XdomeaExportException($"File {index} of Postkorb item {item.Id} has no usable file name.");
        }

        var forbidden = name.Where(c => char.IsControl(c) || ForbiddenInFileNames.Contains(c)).Distinct().Select(c => c.ToString()).ToList();
        if (forbidden.Count > 0)
        {
            throw new XdomeaExportException(
                $"File {index} of Postkorb item {item.Id} has a name with characters a file in an xdomea container cannot have: {CodePoints(forbidden)}.");
        }

        if (Din91379.InvalidCharacters(name) is { Count: > 0 } invalid)
        {
            throw new XdomeaExportException(
                $"File {index} of Postkorb item {item.Id} has a name with characters outside DIN 91379: {CodePoints(invalid)}.");
        }
    }

    /// <summary>What the file is to the records office; the Postkorb names uploads "Anlage-NN-…" (PostkorbTransport).</summary>
    private static string Typ(PostkorbFile file) =>
        file.Name.StartsWith("Anlage-", StringComparison.Ordinal) ? "Anlage"
        : file.MediaType == "application/pdf" ? "Antrag"
        : "Antragsdaten";

    private void Validate(byte[] xml)
    {
        using var stream = new MemoryStream(xml, writable: false);
        var errors = schemas.Validate(stream, ReportedErrors);
        if (errors.Count > 0)
        {
            throw new XdomeaExportException(
                $"The {XdomeaMessage.Nachrichtenname} message does not match the official xdomea 3.0.0 XSDs ({XdomeaSchemas.RootSchema}): " +
                string.Join("; ", errors.Select(e => e.ToSafeString())));
        }
    }

    private static MemoryStream Zip(XdomeaMessage message, byte[] xml, List<byte[]> contents)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            Add(zip, $"{message.BaseName}.xml", xml, message.Erstellungszeitpunkt);
            for (var index = 0; index < contents.Count; index++)
            {
                Add(zip, message.Vorgang.Dokumente[index].Dateiname, contents[index], message.Erstellungszeitpunkt);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset stamp)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        // Set explicitly: the default would be the machine's clock, not the export time the message states.
        entry.LastWriteTime = stamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static string CodePoints(IEnumerable<string> characters) =>
        string.Join(" ", characters.SelectMany(c => c.EnumerateRunes()).Distinct()
            .Select(r => "U+" + r.Value.ToString("X4", CultureInfo.InvariantCulture)));
}

/// <summary>An exported item: the ZIP container and the name xdomea gives it. The caller disposes the stream.</summary>
public sealed record XdomeaPackage(string FileName, Guid ProzessId, Stream Content);
