namespace EfaGateway.Core.Ports;

/// <summary>Sends plain-text e-mail (resume links, confirmations). Mails carry no personal data beyond what they must.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public sealed record OutgoingMail(string To, string Subject, string TextBody);
