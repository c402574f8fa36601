using System.Security.Cryptography;
using System.Text;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// What a submission request carried, as one SHA-256: the process, the normalised form data and each file's field,
/// name, media type and content hash. A retry with the same <c>Idempotency-Key</c> must carry the same; a different
/// request under a used key is refused (draft-ietf-httpapi-idempotency-key-header: 422). Normalised data, not the raw
/// body, so a client that re-serialises its JSON (other member order or whitespace) still retries.
/// Like <see cref="Submission.DataSha256"/> it is a hash, kept after the personal data is purged.
/// </summary>
public static class SubmissionFingerprint
{
    public static string Compute(string processId, string normalizedDataJson, IEnumerable<(string FieldId, string FileName, string MediaType, string Sha256)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, processId);
        Append(hash, normalizedDataJson);
        foreach (var file in files)
        {
            Append(hash, file.FieldId);
            Append(hash, file.FileName);
            Append(hash, file.MediaType);
            Append(hash, file.Sha256);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Length-prefixed, so no two different sequences of parts hash the same bytes.
    private static void Append(IncrementalHash hash, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
