namespace EfaGateway.Core.Submissions;

/// <summary>Why a value was refused. The host turns the code into a German (or English) sentence.</summary>
public enum FieldErrorCode
{
    Required,
    UnknownField,
    WrongType,
    TooShort,
    TooLong,
    TooSmall,
    TooLarge,
    PatternMismatch,
    InvalidCharacter,
    NotAnOption,
    InvalidDate,
    FileTooLarge,
    FileTypeNotAllowed,
    FileNameInvalid,
    FileContentInvalid,
    MalformedDocument,
}

/// <summary>One refused input, by field id, with the limit that was broken where there is one.</summary>
public sealed record FieldError(string Field, FieldErrorCode Code, string? Limit = null);
