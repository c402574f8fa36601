using EfaGateway.Core.Ports;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EfaGateway.Host.Mail;

/// <summary>SMTP through MailKit; one connection per mail (mails are rare: drafts and confirmations).</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        // A tenant's own sender when the mail is sent for a tenant; otherwise the gateway's default sender.
        message.From.Add(string.IsNullOrWhiteSpace(mail.FromAddress)
            ? MailboxAddress.Parse(settings.Sender)
            : new MailboxAddress(mail.FromName ?? string.Empty, mail.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.TextBody };
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>The SMTP relay (section <c>Gateway:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Gateway:Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string Sender { get; set; } = "EfaGateway <noreply@localhost>";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Gateway:Smtp:Host must name the SMTP relay.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add("Gateway:Smtp:Port must be between 1 and 65535.");
        }

        if (!MailboxAddress.TryParse(options.Sender, out _))
        {
            failures.Add("Gateway:Smtp:Sender must be a mailbox such as 'Stadt Musterstadt <noreply@musterstadt.de>'.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Gateway:Smtp:UserName and Gateway:Smtp:Password go together.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
