namespace EfaGateway.Host.Staff;

/// <summary>
/// What staff read when something is refused, German first and English second. Identity errors carry our code
/// (<see cref="PasswordRules"/>) and the German text; the pages ask here for the language of the request.
/// </summary>
public static class StaffTexts
{
    private static readonly Dictionary<string, (string German, string English)> Messages = new(StringComparer.Ordinal)
    {
        [PasswordRules.TooShort] = ("Das Passwort muss mindestens 10 Zeichen lang sein.", "The password must be at least 10 characters long."),
        [PasswordRules.TooFewClasses] = (
            "Das Passwort muss Zeichen aus mindestens 3 der 4 Gruppen enthalten: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen.",
            "The password must contain characters from at least 3 of the 4 groups: upper case letters, lower case letters, digits, special characters."),
        [PasswordRules.ContainsUserId] = ("Das Passwort darf Ihre Benutzerkennung nicht enthalten.", "The password must not contain your user id."),
        [PasswordRules.ContainsName] = ("Das Passwort darf Ihren Vor- oder Nachnamen nicht enthalten.", "The password must not contain your first or last name."),
        [PasswordRules.Common] = (
            "Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.",
            "This password is too common and easy to guess. Please choose another one."),
        [PasswordRules.Reused] = (
            "Sie haben dieses Passwort bereits verwendet. Wählen Sie eines, das nicht unter Ihren letzten 6 Passwörtern ist.",
            "You have used this password before. Choose one that is not among your last 6 passwords."),
        [PasswordRules.TooSoon] = (
            "Sie können Ihr Passwort höchstens einmal am Tag ändern. Bitte versuchen Sie es morgen wieder.",
            "You can change your password at most once a day. Please try again tomorrow."),
        ["PasswordMismatch"] = ("Das bisherige Passwort ist falsch.", "The current password is wrong."),
    };

    /// <summary>The German text of a code (what Identity errors carry as their description).</summary>
    public static string German(string code) => Messages.TryGetValue(code, out var text) ? text.German : code;

    /// <summary>The text of an Identity error in the reader's language; unknown codes fall back to a general message.</summary>
    public static string Describe(string code, bool english) => Messages.TryGetValue(code, out var text)
        ? english ? text.English : text.German
        : english ? "The password could not be saved." : "Das Passwort konnte nicht gespeichert werden.";
}
