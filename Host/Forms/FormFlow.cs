using System.Text.Json;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Host.Forms;

/// <summary>
/// The citizen form's logic between pages and the core: which steps apply to the answers so far, what a step's
/// errors are, and the final submit through the same intake as the API.
/// </summary>
public sealed class FormFlow(ICatalogStore catalog, FormSessionStore sessions, IBlobStore blobs, SubmissionIntake intake, IDraftStore drafts)
{
    /// <summary>The tenant's process, or null if there is none or the tenant's contract has ended.</summary>
    public async Task<TenantProcess?> FindProcessAsync(string tenantId, string processId, CancellationToken cancellationToken) =>
        await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken) is { TenantClosed: false } found ? found : null;

    /// <summary>The process version the session was started with (a newer version applies to new sessions only).</summary>
    public async Task<ProcessDefinition?> DefinitionAsync(FormSession session, CancellationToken cancellationToken) =>
        await catalog.FindProcessDefinitionAsync(session.ProcessId, session.ProcessVersion, cancellationToken);

    /// <summary>Indexes (0-based) of the sections that show something for these answers.</summary>
    public static IReadOnlyList<int> VisibleSections(ProcessDefinition definition, JsonElement data) =>
        [.. definition.Sections.Select((section, index) => (section, index))
            .Where(s => s.section.Elements.Any(e => IsShown(e, [data])))
            .Select(s => s.index)];

    /// <summary>Whether an element is shown: its condition holds and it is not a hidden field.</summary>
    public static bool IsShown(FormElement element, IReadOnlyList<JsonElement> scopes) =>
        element is not FieldDefinition { Access: FieldAccess.Hidden } &&
        (element.VisibleIf is not { } condition || ConditionEvaluator.Holds(condition, scopes));

    public static JsonElement AsElement(FormSession session) => JsonSerializer.SerializeToElement(session.Data);

    /// <summary>Errors of the whole application, or of one section's elements only.</summary>
    public static IReadOnlyList<FieldError> Validate(ProcessDefinition definition, FormSession session, SectionDefinition? section)
    {
        var result = SubmissionValidator.Validate(definition, AsElement(session), Attachments(session));
        if (section is null)
        {
            return result.Errors;
        }

        var ids = section.Elements.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return [.. result.Errors.Where(e => ids.Contains(FormPath.Segments(e.Field).First().Id))];
    }

    public async Task<IntakeResult> SubmitAsync(FormSession session, CancellationToken cancellationToken)
    {
        var result = await intake.SubmitAsync(session.TenantId, session.ProcessId, AsElement(session), Attachments(session), idempotencyKey: null, cancellationToken);
        if (result is IntakeResult.Accepted accepted)
        {
            session.SubmissionId = accepted.Submission.Id;
            session.Vorgangsnummer = accepted.Submission.Vorgangsnummer;
            session.SubmittedAt = accepted.Submission.ReceivedAt;
            if (session.DraftId is { } draftId && await drafts.FindAsync(draftId, cancellationToken) is { } draft)
            {
                // Sent: the saved draft has done its job and goes at once, not 30 days later.
                await blobs.DeleteByPrefixAsync(Core.Blobs.BlobKeys.DraftPrefix(draftId), cancellationToken);
                await drafts.DeleteAsync(draft, cancellationToken);
            }

            await sessions.SaveAsync(session, cancellationToken);
        }

        return result;
    }

    /// <summary>References to the uploads, not their bytes: the intake scans and stores them as streams from the blob store.</summary>
    private static List<IncomingAttachment> Attachments(FormSession session) =>
        [.. session.Uploads.Select(upload => new IncomingAttachment(upload.FieldPath, upload.FileName, upload.MediaType, ReadOnlyMemory<byte>.Empty)
        {
            Stored = new StoredContent(FormSessionStore.UploadKey(session.Id, upload.Id), upload.Size, upload.Head, upload.Sha256),
        })];
}
