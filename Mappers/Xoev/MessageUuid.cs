using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// The nachrichtenUUID of a message: a name-based UUID (RFC 4122 version 5, SHA-1) of the submission id and the mapper
/// id. A retry of the same delivery therefore sends the same UUID, so a receiver can recognise a repeated message;
/// two different messages of one submission (e.g. XBau and another standard) still get different UUIDs.
/// </summary>
public static class MessageUuid
{
    public static Guid For(Guid submissionId, string mapperId)
    {
        ArgumentException.ThrowIfNullOrEmpty(mapperId);
        var name = Encoding.UTF8.GetBytes(mapperId);
        var input = new byte[16 + name.Length];
        // RFC 4122 hashes the namespace UUID in network byte order.
        submissionId.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version 5; it is an identifier here, not a signature.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
