using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>
/// Checks submitted data against a process definition. Collects every error rather than stopping at the first,
/// so the citizen sees them all at once. Returns the data reduced to the defined fields, in definition order.
/// </summary>
public static class SubmissionValidator
{
    public static SubmissionValidation Validate(ProcessDefinition process, JsonElement data, IReadOnlyList<IncomingAttachment> attachments)
    {
        var errors = new List<FieldError>();
        if (data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("data", FieldErrorCode.MalformedDocument));
            return new SubmissionValidation(errors, null);
        }

        var known = process.AllFields.ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            if (PropertyName(property) is not { } name)
            {
                // Looking up any member would now throw, so stop here with this one error.
                return new SubmissionValidation([new FieldError("data", FieldErrorCode.MalformedDocument)], null);
            }
            else if (!known.TryGetValue(name, out var field) || field.Type == FieldType.File)
            {
                errors.Add(new FieldError(name, FieldErrorCode.UnknownField));
            }
        }

        var normalized = new JsonObject();
        foreach (var field in process.AllFields)
        {
            if (field.Type == FieldType.File)
            {
                ValidateFiles(field, attachments.Where(a => a.FieldId == field.Id).ToList(), errors);
                continue;
            }

            var present = data.TryGetProperty(field.Id, out var value) && !IsEmpty(value);
            if (!present)
            {
                if (field.Required)
                {
                    errors.Add(new FieldError(field.Id, FieldErrorCode.Required));
                }

                continue;
            }

            var error = FieldValueValidator.Check(field, value);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                normalized[field.Id] = JsonNode.Parse(value.GetRawText());
            }
        }

        foreach (var orphan in attachments.Where(a => !known.TryGetValue(a.FieldId, out var f) || f.Type != FieldType.File))
        {
            errors.Add(new FieldError(orphan.FieldId, FieldErrorCode.UnknownField));
        }

        return errors.Count == 0
            ? new SubmissionValidation([], normalized.ToJsonString())
            : new SubmissionValidation(errors, null);
    }

    /// <summary>The member's name, or null for a name that is not valid text (an escaped lone surrogate, say).</summary>
    private static string? PropertyName(JsonProperty property) =>
        JsonText.TryGetName(property) is { } name && XmlSafeText.IsValid(name) ? name : null;

    /// <summary>Null, or blank text. Text that does not decode is not empty: the value check refuses it.</summary>
    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
        (value.ValueKind == JsonValueKind.String && JsonText.TryGetString(value) is { } text && string.IsNullOrWhiteSpace(text));

    private static void ValidateFiles(FieldDefinition field, List<IncomingAttachment> files, List<FieldError> errors)
    {
        if (files.Count == 0)
        {
            if (field.Required)
            {
                errors.Add(new FieldError(field.Id, FieldErrorCode.Required));
            }

            return;
        }

        foreach (var file in files)
        {
            if (!UploadRules.IsSafeFileName(file.FileName))
            {
                errors.Add(new FieldError(field.Id, FieldErrorCode.FileNameInvalid));
            }
            else if (field.MediaTypes.Count > 0 && !field.MediaTypes.Contains(file.MediaType, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(field.Id, FieldErrorCode.FileTypeNotAllowed, string.Join(", ", field.MediaTypes)));
            }
            else if (field.MaxSize is { } max && file.Content.Length > max)
            {
                errors.Add(new FieldError(field.Id, FieldErrorCode.FileTooLarge, max.ToString(CultureInfo.InvariantCulture)));
            }
            else if (file.Content.Length == 0 || !UploadRules.ContentMatchesMediaType(file.MediaType, file.Content.Span))
            {
                errors.Add(new FieldError(field.Id, FieldErrorCode.FileContentInvalid));
            }
        }
    }
}

/// <summary>The outcome of <see cref="SubmissionValidator"/>: either errors, or the normalized data JSON.</summary>
public sealed record SubmissionValidation(IReadOnlyList<FieldError> Errors, string? NormalizedDataJson)
{
    public bool IsValid => Errors.Count == 0;
}
