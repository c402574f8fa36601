using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Fake;

internal sealed partial class FakeState
{
    /// <summary>
    /// An attachment upload too large to hold (<see cref="FakeZustelldienstOptions.StreamAttachmentsFromBytes"/>): the
    /// same checks as <see cref="Upload"/>, then it is decrypted with the destination's current key while it arrives
    /// (a wrong key, header or tag refuses it like a malformed JWE) and kept as a digest.
    /// </summary>
    public async Task<ApiProblem?> UploadStreamedAsync(AccessToken token, string submissionId, string attachmentId, string? contentType,
        Stream body, long length, CancellationToken cancellationToken)
    {
        ApiProblem? problem;
        FakeDestination? destination = null;
        lock (gate)
        {
            problem = UploadPreconditionsLocked(token, submissionId, attachmentId, contentType);
            if (problem is null)
            {
                destination = FindDestination(submissions[submissionId].DestinationId)!;
            }
        }

        if (problem is null)
        {
            var kid = destination!.EncryptionKid;
            var key = destination.CurrentEncryptionKey.Issued.PrivateKey;
            // Decrypted outside the lock: it takes as long as the upload, and other requests go on meanwhile.
            var (digest, unreadable) = await StreamingJweReader.ReadAsync(body, candidate => candidate == kid ? key : null, cancellationToken);
            lock (gate)
            {
                var submission = submissions[submissionId];
                problem = digest is null
                    ? ApiProblem.InvalidJwe($"attachment {attachmentId}", unreadable!)
                    : submission.State != SubmissionState.Announced
                        ? ApiProblem.SubmissionStateInvalid(submissionId, submission.State)
                        : null;
                if (problem is null)
                {
                    submission.DigestedAttachments[attachmentId.ToLowerInvariant()] = digest!;
                    submission.UploadedAttachments.Remove(attachmentId.ToLowerInvariant());
                }
            }
        }

        lock (gate)
        {
            uploads.Add(new UploadRecord(Time.GetUtcNow(), submissionId, attachmentId, contentType, (int)Math.Min(length, int.MaxValue),
                problem?.Status ?? 204));
        }

        return problem;
    }
}
