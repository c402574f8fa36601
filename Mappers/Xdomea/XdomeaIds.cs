using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Mappers.Xdomea;

/// <summary>Where new ProzessIDs come from; tests pin it to get the same message twice.</summary>
public interface IXdomeaIdGenerator
{
    /// <summary>A new ProzessID: xdomea identifies each exchange (message and its answers) by one.</summary>
    Guid NewProzessId();
}

/// <summary>Random (version 4) UUIDs, as RFC 4122 and the xdomea stringUUIDType expect.</summary>
public sealed class RandomXdomeaIdGenerator : IXdomeaIdGenerator
{
    public Guid NewProzessId() => Guid.NewGuid();
}

/// <summary>
/// The IDs of the Schriftgutobjekte: name-based UUIDs (RFC 4122 version 5) of the Postkorb item id and the object's
/// role. Exporting the same item twice therefore describes the same Vorgang and Dokumente, so a records system can
/// recognise a repeated import instead of filing the application twice; the ProzessID still differs per export.
/// </summary>
internal static class SchriftgutobjektId
{
    public static Guid For(Guid itemId, string role)
    {
        var name = Encoding.UTF8.GetBytes(role);
        var input = new byte[16 + name.Length];
        // RFC 4122 hashes the namespace UUID in network byte order.
        itemId.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version 5; it is an identifier here, not a signature.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
