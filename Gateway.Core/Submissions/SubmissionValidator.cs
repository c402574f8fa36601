using System.Text.Json;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Checks submitted data against a process definition. Collects every error rather than stopping at the first,
/// so the citizen sees them all at once. Returns the data reduced to the defined, visible elements, in definition
/// order, with the fixed values of locked and hidden fields.
/// </summary>
public static class SubmissionValidator
{
    public static SubmissionValidation Validate(ProcessDefinition process, JsonElement data, IReadOnlyList<IncomingAttachment> attachments)
    {
        if (data.ValueKind != JsonValueKind.Object || !JsonText.AllNamesDecode(data))
        {
            // Looking up any member of a document whose names do not decode would throw, so stop with this one error.
            return new SubmissionValidation([new FieldError("data", FieldErrorCode.MalformedDocument)], null);
        }

        var run = new FormDataValidation(attachments);
        var normalized = run.Validate(process.Sections.SelectMany(s => s.Elements).ToList(), data);
        if (run.Malformed)
        {
            return new SubmissionValidation([new FieldError("data", FieldErrorCode.MalformedDocument)], null);
        }

        foreach (var orphan in attachments.Where(a => !run.ClaimedFilePaths.Contains(a.FieldId)))
        {
            run.Errors.Add(new FieldError(XmlSafeText.IsValid(orphan.FieldId) ? orphan.FieldId : "attachments", FieldErrorCode.UnknownField));
        }

        return run.Errors.Count == 0
            ? new SubmissionValidation([], normalized.ToJsonString())
            : new SubmissionValidation(run.Errors, null);
    }
}

/// <summary>The outcome of <see cref="SubmissionValidator"/>: either errors, or the normalized data JSON.</summary>
public sealed record SubmissionValidation(IReadOnlyList<FieldError> Errors, string? NormalizedDataJson)
{
    public bool IsValid => Errors.Count == 0;
}
