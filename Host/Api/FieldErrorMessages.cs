using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Host.Api;

/// <summary>Sentences for field errors: German by default, English if the client prefers it (Accept-Language).</summary>
public static class FieldErrorMessages
{
    public static string For(FieldError error, ProcessDefinition? process, bool english)
    {
        var label = process?.FindElement(error.Field)?.Label.For(english ? "en" : "de") ?? error.Field;
        var limit = error.Limit;
        return (error.Code, english) switch
        {
            (FieldErrorCode.Required, false) => $"Bitte füllen Sie „{label}“ aus.",
            (FieldErrorCode.Required, true) => $"Please fill in “{label}”.",
            (FieldErrorCode.UnknownField, false) => $"„{label}“ gehört nicht zu diesem Antrag.",
            (FieldErrorCode.UnknownField, true) => $"“{label}” is not part of this application.",
            (FieldErrorCode.WrongType, false) => $"Der Wert für „{label}“ hat das falsche Format.",
            (FieldErrorCode.WrongType, true) => $"The value for “{label}” has the wrong format.",
            (FieldErrorCode.TooShort, false) => $"„{label}“ muss mindestens {limit} Zeichen lang sein.",
            (FieldErrorCode.TooShort, true) => $"“{label}” must be at least {limit} characters long.",
            (FieldErrorCode.TooLong, false) => $"„{label}“ darf höchstens {limit} Zeichen lang sein.",
            (FieldErrorCode.TooLong, true) => $"“{label}” must be at most {limit} characters long.",
            (FieldErrorCode.TooSmall, false) => $"„{label}“ muss mindestens {limit} sein.",
            (FieldErrorCode.TooSmall, true) => $"“{label}” must be at least {limit}.",
            (FieldErrorCode.TooLarge, false) => $"„{label}“ darf höchstens {limit} sein.",
            (FieldErrorCode.TooLarge, true) => $"“{label}” must be at most {limit}.",
            (FieldErrorCode.PatternMismatch, false) => $"Bitte prüfen Sie die Schreibweise von „{label}“.",
            (FieldErrorCode.PatternMismatch, true) => $"Please check the format of “{label}”.",
            (FieldErrorCode.InvalidCharacter, false) => $"„{label}“ enthält Zeichen, die nicht verarbeitet werden können (z. B. Steuerzeichen).",
            (FieldErrorCode.InvalidCharacter, true) => $"“{label}” contains characters that cannot be processed (such as control characters).",
            (FieldErrorCode.NotAnOption, false) => $"Bitte wählen Sie für „{label}“ einen der angebotenen Einträge.",
            (FieldErrorCode.NotAnOption, true) => $"Please choose one of the offered entries for “{label}”.",
            (FieldErrorCode.InvalidDate, false) => $"„{label}“ ist kein gültiges Datum (JJJJ-MM-TT).",
            (FieldErrorCode.InvalidDate, true) => $"“{label}” is not a valid date (YYYY-MM-DD).",
            (FieldErrorCode.FileTooLarge, false) => $"Die Datei für „{label}“ ist zu groß (höchstens {limit} Bytes).",
            (FieldErrorCode.FileTooLarge, true) => $"The file for “{label}” is too large (at most {limit} bytes).",
            (FieldErrorCode.FileTypeNotAllowed, false) => $"Dieser Dateityp ist für „{label}“ nicht erlaubt (erlaubt: {limit}).",
            (FieldErrorCode.FileTypeNotAllowed, true) => $"This file type is not allowed for “{label}” (allowed: {limit}).",
            (FieldErrorCode.FileNameInvalid, false) => $"Der Dateiname für „{label}“ ist ungültig.",
            (FieldErrorCode.FileNameInvalid, true) => $"The file name for “{label}” is not valid.",
            (FieldErrorCode.FileContentInvalid, false) => $"Der Inhalt der Datei für „{label}“ passt nicht zum Dateityp.",
            (FieldErrorCode.FileContentInvalid, true) => $"The content of the file for “{label}” does not match its type.",
            (FieldErrorCode.MalformedDocument, false) => $"„{label}“ ist unvollständig oder falsch aufgebaut.",
            (FieldErrorCode.MalformedDocument, true) => $"“{label}” is incomplete or malformed.",
            (FieldErrorCode.InvalidTime, false) => $"„{label}“ ist keine gültige Uhrzeit (HH:MM).",
            (FieldErrorCode.InvalidTime, true) => $"“{label}” is not a valid time (HH:MM).",
            (FieldErrorCode.InvalidDateTime, false) => $"„{label}“ ist kein gültiger Zeitpunkt (JJJJ-MM-TTTHH:MM).",
            (FieldErrorCode.InvalidDateTime, true) => $"“{label}” is not a valid date and time (YYYY-MM-DDTHH:MM).",
            (FieldErrorCode.NotDin91379, false) =>
                $"„{label}“ enthält Zeichen, die Behörden nicht verarbeiten können: {limit}. Bitte ersetzen Sie sie, z. B. typografische Anführungszeichen durch \" und Gedankenstriche durch -.",
            (FieldErrorCode.NotDin91379, true) =>
                $"“{label}” contains characters public authorities cannot process: {limit}. Please replace them, e.g. typographic quotes with \" and dashes with -.",
            (FieldErrorCode.ReadOnly, false) => $"„{label}“ kann nicht geändert werden.",
            (FieldErrorCode.ReadOnly, true) => $"“{label}” cannot be changed.",
            (FieldErrorCode.TooFewEntries, false) => $"Bitte geben Sie für „{label}“ mindestens {limit} Einträge an.",
            (FieldErrorCode.TooFewEntries, true) => $"Please give at least {limit} entries for “{label}”.",
            (FieldErrorCode.TooManyEntries, false) => $"Für „{label}“ sind höchstens {limit} Einträge möglich.",
            (FieldErrorCode.TooManyEntries, true) => $"At most {limit} entries are possible for “{label}”.",
            (FieldErrorCode.FileInfected, false) => $"Die Datei für „{label}“ enthält Schadsoftware und wurde nicht angenommen. Bitte prüfen Sie Ihr Gerät und laden Sie eine saubere Datei hoch.",
            (FieldErrorCode.FileInfected, true) => $"The file for “{label}” contains malware and was not accepted. Please check your device and upload a clean file.",
            (FieldErrorCode.ScannerUnavailable, false) => $"Die Datei für „{label}“ kann gerade nicht auf Schadsoftware geprüft werden. Bitte versuchen Sie es in einigen Minuten erneut.",
            (FieldErrorCode.ScannerUnavailable, true) => $"The file for “{label}” cannot be checked for malware right now. Please try again in a few minutes.",
            _ => error.Code.ToString(),
        };
    }

    public static bool PrefersEnglish(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault() is { } first && first.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
