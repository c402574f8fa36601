using EfaGateway.Core.Tenants;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Composition;
using EfaGateway.Persistence.Staff;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Staff;

/// <summary>
/// Sends the one-time link to set a password. If the mail cannot be sent, the link is still returned (marked as not
/// mailed), so the administrator or operator can hand it over another way; the link itself is never logged.
/// </summary>
public sealed partial class StaffInvitationMail(IMailSender mail, IOptions<GatewayOptions> gateway, ILogger<StaffInvitationMail> logger)
{
    public async Task<StaffInvitation> SendAsync(Tenant tenant, StaffUser user, string token, DateTimeOffset expiresAt, bool reset, Uri? baseUrl,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var tenantName = tenant.Name;
        ArgumentNullException.ThrowIfNull(user);
        var root = gateway.Value.PublicBaseUrl ?? baseUrl?.GetLeftPart(UriPartial.Authority)
            ?? throw new InvalidOperationException("Set Gateway:PublicBaseUrl (or pass the base address) to send staff links.");
        var link = new Uri($"{root.TrimEnd('/')}{StaffRoutes.SetPassword(user.TenantId)}?token={token}");
        var until = expiresAt.ToString("dd.MM.yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var subject = reset ? $"Neues Passwort für den Postkorb – {tenantName}" : $"Einladung zum Postkorb – {tenantName}";
        var body = (reset
                ? $"Guten Tag {user.FirstName} {user.LastName},\n\nIhr Passwort für den Postkorb von {tenantName} wurde zurückgesetzt. Legen Sie über diesen Link ein neues Passwort fest:\n\n"
                : $"Guten Tag {user.FirstName} {user.LastName},\n\nSie wurden zum Postkorb von {tenantName} eingeladen. Ihre Benutzerkennung: {user.Login}\nLegen Sie über diesen Link Ihr Passwort fest:\n\n")
            + $"{link}\n\nDer Link ist bis {until} gültig und kann nur einmal verwendet werden.\n\n"
            + "---\n\n"
            + (reset ? $"Your password for the Postkorb of {tenantName} was reset. Set a new one with the link above." : $"You were invited to the Postkorb of {tenantName} (user id {user.Login}). Set your password with the link above.")
            + $" It is valid until {until} and works once.\n";
        var mailed = false;
        try
        {
            await mail.SendAsync(new OutgoingMail(user.Email!, subject, body)
                .FromTenant(tenant.Profile.MailSenderAddress, tenant.Profile.MailSenderName), cancellationToken);
            mailed = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The relay is down or refused: the caller gets the link to pass on. Neither address nor link is logged.
            LogNotMailed(logger, ex.GetType().Name);
        }

        return new StaffInvitation(user.Id, user.Login, link, expiresAt, mailed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A staff password link could not be mailed ({ErrorType}); it was handed to the caller instead")]
    private static partial void LogNotMailed(ILogger logger, string errorType);
}

/// <summary>The result of an invitation or forced reset: the one-time link (also when it could not be mailed).</summary>
public sealed record StaffInvitation(Guid UserId, string Login, Uri Link, DateTimeOffset ExpiresAt, bool Mailed);
