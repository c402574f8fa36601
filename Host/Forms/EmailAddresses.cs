namespace EfaGateway.Host.Forms;

/// <summary>The one check of an e-mail address a citizen types (draft links, confirmations).</summary>
public static class EmailAddresses
{
    public static bool IsValid(string email) =>
        email.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email;

    public static string Error(bool english) => english
        ? "Please give an e-mail address, for example name@example.org."
        : "Bitte geben Sie eine E-Mail-Adresse an, zum Beispiel name@beispiel.de.";
}
