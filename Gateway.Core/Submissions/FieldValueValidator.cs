using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Submissions;

/// <summary>Checks one present, non-file value against its field definition.</summary>
internal static class FieldValueValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly string[] TimeFormats = ["HH':'mm", "HH':'mm':'ss"];
    private static readonly string[] DateTimeFormats = ["yyyy'-'MM'-'dd'T'HH':'mm", "yyyy'-'MM'-'dd'T'HH':'mm':'ss"];

    /// <param name="required">Whether the field is required here (by definition or by a condition that holds).</param>
    public static FieldError? Check(FieldDefinition field, JsonElement value, bool required) => field.Type switch
    {
        FieldType.Text or FieldType.TextLatin => CheckText(field, value),
        FieldType.Date => CheckDate(field, value),
        FieldType.Time => CheckFormatted(field, value, TimeFormats, FieldErrorCode.InvalidTime),
        FieldType.DateTime => CheckFormatted(field, value, DateTimeFormats, FieldErrorCode.InvalidDateTime),
        FieldType.Bool => CheckBool(field, value, required),
        FieldType.Num => CheckNumber(field, value, decimals: null),
        FieldType.NumInt => CheckNumber(field, value, decimals: 0),
        FieldType.NumCurrency => CheckNumber(field, value, decimals: 2),
        FieldType.Select => CheckSelect(field, value),
        _ => new FieldError(field.Id, FieldErrorCode.WrongType),
    };

    private static FieldError? CheckText(FieldDefinition field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return new FieldError(field.Id, FieldErrorCode.WrongType);
        }

        if (TryGetText(value) is not { } text)
        {
            return new FieldError(field.Id, FieldErrorCode.InvalidCharacter);
        }

        var length = new StringInfo(text).LengthInTextElements;
        if (field.MinLength is { } min && length < min)
        {
            return new FieldError(field.Id, FieldErrorCode.TooShort, Invariant(min));
        }

        if (field.MaxLength is { } max && length > max)
        {
            return new FieldError(field.Id, FieldErrorCode.TooLong, Invariant(max));
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return new FieldError(field.Id, FieldErrorCode.InvalidCharacter);
        }

        // Every text may end up in an XÖV message, whose strings are DIN 91379; name what to replace.
        var outside = Din91379.Din91379.InvalidCharacters(text);
        if (outside.Count > 0)
        {
            return new FieldError(field.Id, FieldErrorCode.NotDin91379, string.Join(" ", outside.Take(5)));
        }

        if (field.Pattern is { } pattern && !MatchesWhole(pattern, text))
        {
            return new FieldError(field.Id, FieldErrorCode.PatternMismatch);
        }

        return null;
    }

    private static bool MatchesWhole(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static FieldError? CheckDate(FieldDefinition field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String ||
            !DateOnly.TryParseExact(TryGetText(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return new FieldError(field.Id, FieldErrorCode.InvalidDate);
        }

        return null;
    }

    private static FieldError? CheckFormatted(FieldDefinition field, JsonElement value, string[] formats, FieldErrorCode code) =>
        value.ValueKind == JsonValueKind.String &&
        System.DateTime.TryParseExact(TryGetText(value), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : new FieldError(field.Id, code);

    private static FieldError? CheckBool(FieldDefinition field, JsonElement value, bool required)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return new FieldError(field.Id, FieldErrorCode.WrongType);
        }

        // A required check box (consent, confirmation) must be ticked, as an HTML required check box must be.
        return required && field.BoolInput == BoolInput.Checkbox && value.ValueKind == JsonValueKind.False ? new FieldError(field.Id, FieldErrorCode.Required) : null;
    }

    private static FieldError? CheckNumber(FieldDefinition field, JsonElement value, int? decimals)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            return new FieldError(field.Id, FieldErrorCode.WrongType);
        }

        if (decimals is { } places && decimal.Round(number, places) != number)
        {
            return new FieldError(field.Id, FieldErrorCode.WrongType);
        }

        if (field.Min is { } min && number < min)
        {
            return new FieldError(field.Id, FieldErrorCode.TooSmall, Invariant(min));
        }

        if (field.Max is { } max && number > max)
        {
            return new FieldError(field.Id, FieldErrorCode.TooLarge, Invariant(max));
        }

        return null;
    }

    private static FieldError? CheckSelect(FieldDefinition field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return new FieldError(field.Id, FieldErrorCode.WrongType);
        }

        var chosen = TryGetText(value);
        return field.Options.Any(o => o.Value == chosen) ? null : new FieldError(field.Id, FieldErrorCode.NotAnOption);
    }

    /// <summary>The string, or null when it is not text every artifact can carry (see <see cref="XmlSafeText"/>).</summary>
    private static string? TryGetText(JsonElement value) =>
        JsonText.TryGetString(value) is { } text && XmlSafeText.IsValid(text) ? text : null;

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
