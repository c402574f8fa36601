using System.Globalization;
using System.Security.Cryptography;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Host.Api;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Forms;

/// <summary>
/// Accepts files posted with a step: name, type, size and content checks, then the malware scan, and only a clean
/// file is stored under the session. A refused file is named in an error and leaves nothing behind.
/// </summary>
public sealed class UploadService(IBlobStore blobs, IMalwareScanner scanner, IOptions<GatewayOptions> options)
{
    public async Task<List<StepError>> AcceptAsync(FormSession session, ProcessDefinition definition, SectionDefinition section,
        IFormFileCollection files, bool english, CancellationToken cancellationToken)
    {
        var errors = new List<StepError>();
        var sectionIds = section.Elements.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue; // an empty file input: nothing chosen
            }

            var path = file.Name;
            var segments = FormPath.Segments(path).ToList();
            if (segments.Count == 0 || !sectionIds.Contains(segments[0].Id) || definition.FindField(path) is not { Type: FieldType.File } field)
            {
                errors.Add(Error(new FieldError(XmlSafeText.IsValid(path) ? path : "upload", FieldErrorCode.UnknownField), definition, english));
                continue;
            }

            var code = await CheckAndStoreAsync(session, field, path, file, cancellationToken);
            if (code is { } refused)
            {
                errors.Add(Error(refused, definition, english));
            }
        }

        return errors;
    }

    public async Task<bool> RemoveAsync(FormSession session, Guid uploadId, CancellationToken cancellationToken)
    {
        var upload = session.Uploads.FirstOrDefault(u => u.Id == uploadId);
        if (upload is null)
        {
            return false;
        }

        session.Uploads.Remove(upload);
        await blobs.DeleteByPrefixAsync(FormSessionStore.UploadKey(session.Id, uploadId), cancellationToken);
        return true;
    }

    /// <summary>Drops the files of a removed group instance and moves those of later instances down by one.</summary>
    public void ForgetInstance(FormSession session, string groupPath, int index)
    {
        var removed = $"{groupPath}[{index.ToString(CultureInfo.InvariantCulture)}]/";
        session.Uploads.RemoveAll(u => u.FieldPath.StartsWith(removed, StringComparison.Ordinal));
        for (var i = 0; i < session.Uploads.Count; i++)
        {
            var upload = session.Uploads[i];
            var prefix = groupPath + "[";
            if (!upload.FieldPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var close = upload.FieldPath.IndexOf(']', prefix.Length);
            if (close > 0 && int.TryParse(upload.FieldPath.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > index)
            {
                session.Uploads[i] = upload with { FieldPath = $"{prefix}{(n - 1).ToString(CultureInfo.InvariantCulture)}{upload.FieldPath[close..]}" };
            }
        }
    }

    private async Task<FieldError?> CheckAndStoreAsync(FormSession session, FieldDefinition field, string path, IFormFile file, CancellationToken cancellationToken)
    {
        // Browsers send the bare name, some old ones the whole path ("C:\fakepath\scan.pdf"): only its last part is the
        // name, whichever separator it uses (Path.GetFileName knows only this system's). The result is checked below.
        var name = file.FileName[(file.FileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var mediaType = (file.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        var cap = Math.Min(field.MaxSize ?? long.MaxValue, options.Value.Forms.MaxUploadBytes);
        if (!UploadRules.IsSafeFileName(name))
        {
            return new FieldError(path, FieldErrorCode.FileNameInvalid);
        }

        if (field.MediaTypes.Count > 0 && !field.MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return new FieldError(path, FieldErrorCode.FileTypeNotAllowed, string.Join(", ", field.MediaTypes));
        }

        if (file.Length > cap)
        {
            return new FieldError(path, FieldErrorCode.FileTooLarge, cap.ToString(CultureInfo.InvariantCulture));
        }

        var head = new byte[Math.Min(64, (int)file.Length)];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(head, cancellationToken);
        }

        if (file.Length == 0 || !UploadRules.ContentMatchesMediaType(mediaType, head))
        {
            return new FieldError(path, FieldErrorCode.FileContentInvalid);
        }

        await using (var stream = file.OpenReadStream())
        {
            var scan = await scanner.ScanAsync(stream, cancellationToken);
            if (scan.Verdict != ScanVerdict.Clean)
            {
                return new FieldError(path, scan.Verdict == ScanVerdict.Infected ? FieldErrorCode.FileInfected : FieldErrorCode.ScannerUnavailable);
            }
        }

        // Streamed into the blob store, sealed chunk by chunk and hashed on the way: the file is never whole in memory.
        var id = Guid.CreateVersion7();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await blobs.PutAsync(FormSessionStore.UploadKey(session.Id, id), async (sink, ct) =>
        {
            await using var source = file.OpenReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await sink.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }, cancellationToken);
        session.Uploads.Add(new FormUpload(id, path, name, mediaType, file.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), head));
        return null;
    }

    private static StepError Error(FieldError error, ProcessDefinition definition, bool english) =>
        new(error.Field, FieldErrorMessages.For(error, definition, english), $"#{FieldIds.For(error.Field)}");
}
