namespace EfaGateway.Core.Ports;

/// <summary>Sends plain-text e-mail (resume links, confirmations). Mails carry no personal data beyond what they must.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>A plain-text mail.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="FromAddress">A tenant's own sender address; null for the gateway's default sender.</param>
/// <param name="FromName">The display name with <paramref name="FromAddress"/>.</param>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string? FromAddress = null, string? FromName = null)
{
    /// <summary>Sent as the tenant (its configured sender), or as the gateway's default sender if the tenant has none.</summary>
    public OutgoingMail FromTenant(string? senderAddress, string? senderName) =>
        senderAddress is { Length: > 0 } ? this with { FromAddress = senderAddress, FromName = senderName } : this;
}
