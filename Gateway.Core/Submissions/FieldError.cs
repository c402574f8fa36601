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
    InvalidTime,
    InvalidDateTime,

    /// <summary>Text with characters outside DIN 91379 (the XÖV character set); the limit names them.</summary>
    NotDin91379,

    /// <summary>A value for a locked or hidden field that differs from its fixed value.</summary>
    ReadOnly,
    TooFewEntries,
    TooManyEntries,

    /// <summary>The malware scanner found something in the file; it was not stored.</summary>
    FileInfected,

    /// <summary>The malware scanner could not be reached, so the file could not be accepted (fail closed).</summary>
    ScannerUnavailable,
}

/// <summary>One refused input, by field path (see <c>FormPath</c>), with the limit that was broken where there is one.</summary>
public sealed record FieldError(string Field, FieldErrorCode Code, string? Limit = null);
