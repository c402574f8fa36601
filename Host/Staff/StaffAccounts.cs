using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Persistence;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;

namespace EfaGateway.Host.Staff;

/// <summary>What the staff pages do with an account: sign in and out, the second factor, password changes. Each step is audited.</summary>
public sealed class StaffAccounts(StaffUserManager users, SignInManager<StaffUser> signIn, StaffPasswordLinks links, GatewayDbContext db, IAuditLog audit)
{
    public async Task<SignInOutcome> SignInAsync(string tenantId, string login, string password, CancellationToken cancellationToken)
    {
        login = login.Trim();
        var user = login.Length is > 0 and <= 128 ? await users.FindByNameAsync(StaffUser.ComposeUserName(tenantId, login)) : null;
        if (user is null || user.TenantId != tenantId)
        {
            // Audited under the typed name (without the password), so an administrator sees guessing at unknown ids too.
            await audit.RecordAsync(new(tenantId, Bounded(login), AuditActions.SignInFailed, Details: "unknown user id"), cancellationToken);
            return SignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return await RecordAsync(tenantId, user, result, "password", cancellationToken);
    }

    /// <summary>The second step: the user from the short-lived two-factor cookie, the code from the authenticator app.</summary>
    public async Task<SignInOutcome> SecondFactorAsync(string tenantId, string code, CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.TenantId != tenantId)
        {
            return SignInOutcome.Expired;
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalize(code), isPersistent: false, rememberClient: false);
        return await RecordAsync(tenantId, user, result, "authenticator code", cancellationToken);
    }

    public async Task SignOutAsync(string tenantId, string login, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        await audit.RecordAsync(new(tenantId, login, AuditActions.SignOut), cancellationToken);
    }

    public async Task<IdentityResult> ChangePasswordAsync(StaffUser user, string current, string replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await users.ChangePasswordAsync(user, current, replacement);
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(user); // the security stamp changed; keep this session, end the others
            await audit.RecordAsync(new(user.TenantId, user.Login, AuditActions.PasswordChanged, user.Login), cancellationToken);
        }

        return result;
    }

    /// <summary>Sets the password from a one-time link; the link is used up only when the password was accepted.</summary>
    public async Task<IdentityResult?> SetPasswordFromLinkAsync(string tenantId, string token, string password, CancellationToken cancellationToken)
    {
        var link = await links.FindOpenAsync(tenantId, token, cancellationToken);
        var user = link is null ? null : await users.FindByIdAsync(link.UserId.ToString());
        if (link is null || user is null || !user.IsActive)
        {
            return null;
        }

        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        var result = await users.AddPasswordAsync(user, password);
        if (result.Succeeded)
        {
            links.MarkUsed(link);
            await users.SetLockoutEndDateAsync(user, null);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new(tenantId, user.Login, AuditActions.PasswordSet, user.Login, "one-time link"), cancellationToken);
        }

        return result;
    }

    /// <summary>The authenticator key to show while setting up the second factor (a new one if none is stored yet).</summary>
    public async Task<string> AuthenticatorKeyAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Identity renews the security stamp with the key; without a fresh cookie the very next request would
            // find the session's stamp outdated and sign the staff member out.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }

    public async Task<bool> EnableSecondFactorAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(new(user.TenantId, user.Login, AuditActions.TwoFactorEnabled, user.Login), cancellationToken);
        return true;
    }

    public async Task<bool> DisableSecondFactorAsync(StaffUser user, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await users.CheckPasswordAsync(user, password))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // a later setup starts with a fresh key
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(new(user.TenantId, user.Login, AuditActions.TwoFactorDisabled, user.Login), cancellationToken);
        return true;
    }

    private async Task<SignInOutcome> RecordAsync(string tenantId, StaffUser user, SignInResult result, string step, CancellationToken cancellationToken)
    {
        var (outcome, action, details) = result switch
        {
            { Succeeded: true } => (SignInOutcome.SignedIn, AuditActions.SignIn, step),
            { RequiresTwoFactor: true } => (SignInOutcome.NeedsCode, (string?)null, (string?)null),
            { IsLockedOut: true } => (SignInOutcome.LockedOut, AuditActions.LockedOut, step),
            { IsNotAllowed: true } => (SignInOutcome.Failed, AuditActions.SignInRefused, "account deactivated"),
            _ => (SignInOutcome.Failed, AuditActions.SignInFailed, $"wrong {step}"),
        };
        if (action is not null)
        {
            await audit.RecordAsync(new(tenantId, user.Login, action, user.Login, details), cancellationToken);
        }

        return outcome;
    }

    private static string Normalize(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static string Bounded(string login) => login.Length > 128 ? login[..128] : login;
}

public enum SignInOutcome
{
    SignedIn,
    NeedsCode,
    Failed,
    LockedOut,
    Expired,
}
