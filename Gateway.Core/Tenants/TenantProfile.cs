using System.Net.Mail;
using System.Text.RegularExpressions;

namespace EfaGateway.Core.Tenants;

/// <summary>
/// What an operator records about a municipality besides its name: the official keys (AGS, ARS), whom to contact,
/// and the sender of the e-mails citizens and staff get on its behalf. All optional; what is given must be right.
/// </summary>
/// <param name="Ags">Amtlicher Gemeindeschlüssel, 8 digits (Land 2, Regierungsbezirk 1, Kreis 2, Gemeinde 3).</param>
/// <param name="Ars">Amtlicher Regionalschlüssel, 12 digits (as AGS, with the 4-digit Gemeindeverband before the Gemeinde).</param>
/// <param name="ContactName">The municipality's contact for the operator (a role or office, e.g. "Bürgerbüro").</param>
/// <param name="ContactEmail">The contact's e-mail address.</param>
/// <param name="ContactPhone">The contact's telephone number.</param>
/// <param name="MailSenderAddress">From-address of mails sent for this tenant; the gateway's default sender if empty.</param>
/// <param name="MailSenderName">Display name with <paramref name="MailSenderAddress"/>.</param>
public sealed partial record TenantProfile(
    string? Ags = null,
    string? Ars = null,
    string? ContactName = null,
    string? ContactEmail = null,
    string? ContactPhone = null,
    string? MailSenderAddress = null,
    string? MailSenderName = null)
{
    public static TenantProfile Empty { get; } = new();

    /// <summary>Every problem, each naming its field (JSON names) in German and English.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Ags is not null && !EightDigits().IsMatch(Ags))
        {
            problems.Add(("ags", "Der Amtliche Gemeindeschlüssel hat 8 Ziffern. (The AGS has 8 digits.)"));
        }

        if (Ars is not null && !TwelveDigits().IsMatch(Ars))
        {
            problems.Add(("ars", "Der Amtliche Regionalschlüssel hat 12 Ziffern. (The ARS has 12 digits.)"));
        }
        else if (Ars is not null && Ags is not null && EightDigits().IsMatch(Ags) && AgsOf(Ars) != Ags)
        {
            // The ARS is the AGS with the Gemeindeverband inserted: both must name the same municipality.
            problems.Add(("ars", $"Der Regionalschlüssel gehört zum Gemeindeschlüssel {AgsOf(Ars)}, nicht {Ags}. (The ARS belongs to AGS {AgsOf(Ars)}, not {Ags}.)"));
        }

        if (ContactEmail is not null && !IsMailAddress(ContactEmail))
        {
            problems.Add(("contactEmail", "Bitte geben Sie eine gültige E-Mail-Adresse an. (Enter a valid e-mail address.)"));
        }

        if (ContactPhone is not null && !Phone().IsMatch(ContactPhone))
        {
            problems.Add(("contactPhone", "Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten. (Digits, spaces and + ( ) / - only.)"));
        }

        if (MailSenderAddress is not null && !IsMailAddress(MailSenderAddress))
        {
            problems.Add(("mailSenderAddress", "Bitte geben Sie eine gültige Absenderadresse an. (Enter a valid sender address.)"));
        }

        if (MailSenderName is not null && MailSenderAddress is null)
        {
            problems.Add(("mailSenderName", "Ein Absendername braucht eine Absenderadresse. (A sender name needs a sender address.)"));
        }

        foreach (var (field, value) in new[] { ("contactName", ContactName), ("mailSenderName", MailSenderName) })
        {
            if (value is not null && (value.Length > 200 || value.Any(char.IsControl)))
            {
                problems.Add((field, "Höchstens 200 Zeichen, keine Steuerzeichen. (At most 200 characters, no control characters.)"));
            }
        }

        return problems;
    }

    /// <summary>The AGS contained in an ARS: Land, Regierungsbezirk and Kreis, then the Gemeinde after the Verband.</summary>
    public static string AgsOf(string ars) => string.Concat(ars.AsSpan(0, 5), ars.AsSpan(9, 3));

    private static bool IsMailAddress(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex EightDigits();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex TwelveDigits();

    [GeneratedRegex(@"^\+?[0-9 ()/\-]{3,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
