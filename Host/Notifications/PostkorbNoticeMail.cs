using System.Globalization;
using System.Text;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Tenants;

namespace EfaGateway.Host.Notifications;

/// <summary>New items of one process for one recipient: the process title (German, English) and how many.</summary>
public sealed record ProcessCount(string ProcessId, string TitleDe, string TitleEn, int Count);

/// <summary>
/// The text of a notice mail: tenant, process titles, counts and the Postkorb link — deliberately nothing about the
/// applications themselves (no Vorgangsnummer, no names, no form values), because mail leaves the gateway unencrypted
/// and lands in ordinary mailboxes. German first, English second, like the gateway's other mails.
/// </summary>
public static class PostkorbNoticeMail
{
    public static OutgoingMail Compose(string to, Tenant tenant, IReadOnlyList<ProcessCount> counts, string? postkorbLink, string postkorbPath)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(counts);
        var subject = "Neue Anträge im Postkorb: " + string.Join(", ", counts.Select(c => $"{c.TitleDe} ({c.Count.ToString(CultureInfo.InvariantCulture)})"));

        var body = new StringBuilder();
        body.Append("Guten Tag,\n\nim Postkorb von ").Append(tenant.Name).Append(" sind neue Anträge eingegangen:\n\n");
        foreach (var c in counts)
        {
            body.Append("- ").Append(c.TitleDe).Append(": ").Append(c.Count.ToString(CultureInfo.InvariantCulture))
                .Append(c.Count == 1 ? " neuer Antrag\n" : " neue Anträge\n");
        }

        body.Append('\n').Append(postkorbLink is null
            ? $"Sie finden sie nach der Anmeldung im Postkorb: unter der Adresse des Gateways, Pfad {postkorbPath}\n"
            : $"Sie finden sie nach der Anmeldung im Postkorb:\n{postkorbLink}\n");
        body.Append("\nDiese Nachricht enthält absichtlich keine Angaben zu den Antragstellenden und keine Vorgangsnummern. ")
            .Append("Sie wird automatisch versandt; bitte antworten Sie nicht darauf.\n\n---\n\n");

        body.Append("New applications have arrived in the Postkorb of ").Append(tenant.Name).Append(":\n\n");
        foreach (var c in counts)
        {
            body.Append("- ").Append(c.TitleEn).Append(": ").Append(c.Count.ToString(CultureInfo.InvariantCulture))
                .Append(c.Count == 1 ? " new application\n" : " new applications\n");
        }

        body.Append('\n').Append(postkorbLink is null
            ? $"Sign in to the Postkorb to see them: at the gateway's address, path {postkorbPath}\n"
            : $"Sign in to the Postkorb to see them:\n{postkorbLink}\n");
        body.Append("\nThis message intentionally contains no details of the applicants and no reference numbers. It was sent automatically; please do not reply.\n");

        var profile = tenant.Profile;
        return new OutgoingMail(to, subject, body.ToString(),
            string.IsNullOrWhiteSpace(profile.MailSenderAddress) ? null : profile.MailSenderAddress,
            string.IsNullOrWhiteSpace(profile.MailSenderAddress) ? null : profile.MailSenderName);
    }
}
