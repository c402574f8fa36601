using System.Globalization;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>Checks the files uploaded for one file field: presence, name, media type, size and content.</summary>
internal static class FileChecks
{
    public static void Check(FieldDefinition field, string path, bool required, List<IncomingAttachment> files, List<FieldError> errors)
    {
        if (files.Count == 0)
        {
            if (required)
            {
                errors.Add(new FieldError(path, FieldErrorCode.Required));
            }

            return;
        }

        foreach (var file in files)
        {
            if (!UploadRules.IsSafeFileName(file.FileName))
            {
                errors.Add(new FieldError(path, FieldErrorCode.FileNameInvalid));
            }
            else if (field.MediaTypes.Count > 0 && !field.MediaTypes.Contains(file.MediaType, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(path, FieldErrorCode.FileTypeNotAllowed, string.Join(", ", field.MediaTypes)));
            }
            else if (field.MaxSize is { } max && file.Length > max)
            {
                errors.Add(new FieldError(path, FieldErrorCode.FileTooLarge, max.ToString(CultureInfo.InvariantCulture)));
            }
            else if (file.Length == 0 || !UploadRules.ContentMatchesMediaType(file.MediaType, file.Head.Span))
            {
                errors.Add(new FieldError(path, FieldErrorCode.FileContentInvalid));
            }
        }
    }
}
