namespace EfaGateway.Core.Submissions;

/// <summary>
/// An uploaded file as received, before it is stored: its bytes (API), or — for uploads already streamed into the blob
/// store (citizen forms) — a reference to them in <see cref="Stored"/>, with <see cref="Content"/> empty.
/// </summary>
public sealed record IncomingAttachment(string FieldId, string FileName, string MediaType, ReadOnlyMemory<byte> Content)
{
    public StoredContent? Stored { get; init; }

    public long Length => Stored?.Length ?? Content.Length;

    /// <summary>The first bytes, enough to tell a file's type by its signature.</summary>
    public ReadOnlyMemory<byte> Head => Stored?.Head ?? Content;
}

/// <summary>Content already in the blob store: its key, size, first bytes and SHA-256 (lower-case hex).</summary>
public sealed record StoredContent(string BlobKey, long Length, byte[] Head, string Sha256);
