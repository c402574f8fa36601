using System.IO.Compression;
using System.Text;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Postkorb;

namespace EfaGateway.Host.Staff;

/// <summary>
/// All files of a Postkorb item as one ZIP, written straight into the response: each file is copied from the blob store
/// chunk by chunk, so a large upload is never whole in memory. Entry names are the files' names, made safe for every
/// unpacking program (no folders, no characters Windows refuses) and unique, as two uploads may share a name.
/// </summary>
public static class PostkorbZip
{
    /// <summary>What Windows refuses in file names, plus both path separators; control characters are refused too.</summary>
    private const string Forbidden = "/\\:*?\"<>|";

    private const int MaxNameLength = 150;

    /// <summary>The download's own name: the Vorgangsnummer, which is how staff file it.</summary>
    public static string FileName(PostkorbItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{Sanitize(item.Vorgangsnummer)}.zip";
    }

    /// <summary>The entry name of each file, in the files' order: sanitized, and "name (2).pdf" for a repeated name.</summary>
    public static IReadOnlyList<string> EntryNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // unpacking on Windows or macOS folds case
        var result = new List<string>(names.Count);
        foreach (var name in names)
        {
            var safe = Sanitize(name);
            var candidate = safe;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                var extension = Path.GetExtension(safe);
                candidate = $"{safe[..^extension.Length]} ({n}){extension}";
            }

            result.Add(candidate);
        }

        return result;
    }

    /// <summary>A name without folders or characters unpacking programs refuse; never empty, never "." or "..".</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsControl(c) || Forbidden.Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        // Windows drops trailing dots and spaces, which would make two names equal after unpacking.
        var safe = builder.ToString().Trim().TrimEnd('.');
        if (safe.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(safe);
            safe = extension.Length < 20 ? safe[..(MaxNameLength - extension.Length)] + extension : safe[..MaxNameLength];
        }

        if (safe.Trim('.').Length == 0)
        {
            return "datei";
        }

        // Windows cannot create a file named like a device ("CON", "nul.pdf", "LPT1.tar.gz"): unpacking would fail or
        // write to the device. Such names get a leading underscore.
        return DeviceNames.Contains(safe.Split('.')[0].TrimEnd()) ? "_" + safe : safe;
    }

    private static readonly HashSet<string> DeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            .. "0123456789¹²³".SelectMany(digit => new[] { $"COM{digit}", $"LPT{digit}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes the ZIP into <paramref name="destination"/>; the caller has checked that every file is in the blob store.</summary>
    public static async Task WriteAsync(PostkorbItem item, IBlobStore blobs, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        var names = EntryNames(item.Files.Select(f => f.Name).ToList());
        var provided = StaffFormat.Berlin(item.ProvidedAt);
        await using var output = new DeferredSyncWriteStream(destination);
        await using (var archive = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, cancellationToken))
        {
            for (var i = 0; i < item.Files.Count; i++)
            {
                var entry = archive.CreateEntry(names[i], CompressionLevel.Fastest);
                entry.LastWriteTime = provided;
                await using (var content = await entry.OpenAsync(cancellationToken))
                {
                    if (!await blobs.CopyToAsync(item.Files[i].BlobKey, content, cancellationToken))
                    {
                        // Checked before the first byte went out (StaffPostkorb); gone now means deleted meanwhile.
                        throw new InvalidOperationException("A Postkorb file disappeared while its ZIP was written.");
                    }
                }

                await output.FlushAsync(cancellationToken);
            }
        }

        await output.FlushAsync(cancellationToken);
    }
}
