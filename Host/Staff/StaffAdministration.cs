using System.Net.Mail;
using System.Text.RegularExpressions;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Composition;
using EfaGateway.Persistence;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Staff;

/// <summary>
/// Managing a tenant's staff (for the admin API, the CLI and the tenant administrators' pages): invite, deactivate,
/// reactivate, grant and revoke processes, set the administrator flag, force a password reset, list. Every change is
/// written to the tenant's audit log with <c>actor</c> as who did it. Refusals are <see cref="StaffAdministrationException"/>.
/// </summary>
public sealed partial class StaffAdministration(
    UserManager<StaffUser> users,
    GatewayDbContext db,
    ICatalogStore catalog,
    StaffPasswordLinks links,
    StaffInvitationMail invitationMail,
    IAuditLog audit,
    TimeProvider time)
{
    public async Task<StaffInvitation> InviteAsync(string tenantId, NewStaffMember member, string actor, Uri? baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken) ?? throw Refused(StaffAdministrationError.UnknownTenant, tenantId);
        var login = member.Login.Trim();
        if (!LoginPattern().IsMatch(login))
        {
            throw Refused(StaffAdministrationError.InvalidLogin, login);
        }

        if (!MailAddress.TryCreate(member.Email.Trim(), out _))
        {
            throw Refused(StaffAdministrationError.InvalidEmail, login);
        }

        if (string.IsNullOrWhiteSpace(member.FirstName) || string.IsNullOrWhiteSpace(member.LastName))
        {
            throw Refused(StaffAdministrationError.MissingName, login);
        }

        if (await users.FindByNameAsync(StaffUser.ComposeUserName(tenantId, login)) is not null)
        {
            throw Refused(StaffAdministrationError.LoginTaken, login);
        }

        foreach (var processId in member.ProcessIds)
        {
            _ = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken) ?? throw Refused(StaffAdministrationError.UnknownProcess, processId);
        }

        var user = new StaffUser
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Login = login, UserName = StaffUser.ComposeUserName(tenantId, login),
            FirstName = member.FirstName.Trim(), LastName = member.LastName.Trim(), Email = member.Email.Trim(), IsAdministrator = member.IsAdministrator,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw Refused(StaffAdministrationError.InvalidLogin, login);
        }

        foreach (var processId in member.ProcessIds.Distinct(StringComparer.Ordinal))
        {
            db.StaffProcessGrants.Add(new StaffProcessGrant { TenantId = tenantId, UserId = user.Id, ProcessId = processId, GrantedAt = time.GetUtcNow() });
        }

        var (token, expires) = links.Create(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new(tenantId, actor, AuditActions.Invited, login,
            $"processes: {string.Join(", ", member.ProcessIds)}; administrator: {(member.IsAdministrator ? "yes" : "no")}"), cancellationToken);
        return await invitationMail.SendAsync(tenant, user, token, expires, reset: false, baseUrl, cancellationToken);
    }

    public Task DeactivateAsync(string tenantId, string login, string actor, CancellationToken cancellationToken) =>
        SetActiveAsync(tenantId, login, active: false, actor, cancellationToken);

    public Task ReactivateAsync(string tenantId, string login, string actor, CancellationToken cancellationToken) =>
        SetActiveAsync(tenantId, login, active: true, actor, cancellationToken);

    public async Task GrantProcessAsync(string tenantId, string login, string processId, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(tenantId, login);
        _ = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken) ?? throw Refused(StaffAdministrationError.UnknownProcess, processId);
        if (!await db.StaffProcessGrants.AnyAsync(g => g.UserId == user.Id && g.ProcessId == processId, cancellationToken))
        {
            db.StaffProcessGrants.Add(new StaffProcessGrant { TenantId = tenantId, UserId = user.Id, ProcessId = processId, GrantedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new(tenantId, actor, AuditActions.ProcessGranted, login, processId), cancellationToken);
        }
    }

    public async Task RevokeProcessAsync(string tenantId, string login, string processId, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(tenantId, login);
        var grant = await db.StaffProcessGrants.SingleOrDefaultAsync(g => g.UserId == user.Id && g.ProcessId == processId, cancellationToken);
        if (grant is not null)
        {
            db.StaffProcessGrants.Remove(grant);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new(tenantId, actor, AuditActions.ProcessRevoked, login, processId), cancellationToken);
        }
    }

    public async Task SetAdministratorAsync(string tenantId, string login, bool isAdministrator, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(tenantId, login);
        if (user.IsAdministrator != isAdministrator)
        {
            user.IsAdministrator = isAdministrator;
            await users.UpdateSecurityStampAsync(user); // the session's claims change: sign in again
            await audit.RecordAsync(new(tenantId, actor, isAdministrator ? AuditActions.AdministratorSet : AuditActions.AdministratorRemoved, login), cancellationToken);
        }
    }

    /// <summary>Removes the password (and, if asked, the second factor), ends the sessions and sends a one-time link; the new password skips the minimum age.</summary>
    public async Task<StaffInvitation> ForceResetAsync(string tenantId, string login, bool resetSecondFactor, string actor, Uri? baseUrl, CancellationToken cancellationToken)
    {
        var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken) ?? throw Refused(StaffAdministrationError.UnknownTenant, tenantId);
        var user = await FindAsync(tenantId, login);
        user.PasswordResetForced = true;
        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        if (resetSecondFactor)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.UpdateSecurityStampAsync(user);
        var (token, expires) = links.Create(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new(tenantId, actor, AuditActions.ResetForced, login, resetSecondFactor ? "second factor reset too" : null), cancellationToken);
        return await invitationMail.SendAsync(tenant, user, token, expires, reset: true, baseUrl, cancellationToken);
    }

    /// <summary>The tenant's staff with their process grants (the list the service description promises on request).</summary>
    public async Task<IReadOnlyList<StaffMemberView>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.Login).ToListAsync(cancellationToken);
        var grants = (await db.StaffProcessGrants.AsNoTracking().Where(g => g.TenantId == tenantId).ToListAsync(cancellationToken))
            .ToLookup(g => g.UserId);
        return members.Select(u => new StaffMemberView(u.Login, u.FirstName, u.LastName, u.Email ?? string.Empty, u.IsActive, u.IsAdministrator,
            u.TwoFactorEnabled, u.PasswordHash is not null, u.CreatedAt,
            grants[u.Id].Select(g => g.ProcessId).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private async Task SetActiveAsync(string tenantId, string login, bool active, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(tenantId, login);
        if (user.IsActive != active)
        {
            user.IsActive = active;
            await users.UpdateSecurityStampAsync(user); // existing sessions end at their next request
            await audit.RecordAsync(new(tenantId, actor, active ? AuditActions.Reactivated : AuditActions.Deactivated, login), cancellationToken);
        }
    }

    private async Task<StaffUser> FindAsync(string tenantId, string login) =>
        await users.FindByNameAsync(StaffUser.ComposeUserName(tenantId, login.Trim())) is { } user && user.TenantId == tenantId
            ? user
            : throw Refused(StaffAdministrationError.UnknownUser, login);

    private static StaffAdministrationException Refused(StaffAdministrationError error, string subject) => new(error, subject);

    /// <summary>A user id: letters, digits and . _ - @, 2 to 64 characters, starting with a letter or digit.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}

public sealed record NewStaffMember(string Login, string FirstName, string LastName, string Email, bool IsAdministrator, IReadOnlyList<string> ProcessIds);

public sealed record StaffMemberView(string Login, string FirstName, string LastName, string Email, bool IsActive, bool IsAdministrator,
    bool TwoFactorEnabled, bool HasPassword, DateTimeOffset CreatedAt, IReadOnlyList<string> ProcessIds);

public enum StaffAdministrationError
{
    UnknownTenant,
    UnknownUser,
    UnknownProcess,
    LoginTaken,
    InvalidLogin,
    InvalidEmail,
    MissingName,
}

/// <summary>A refused staff administration request; <see cref="Subject"/> names the id that was refused (never a password).</summary>
public sealed class StaffAdministrationException(StaffAdministrationError error, string subject)
    : Exception($"Staff administration refused: {error} ({subject}).")
{
    public StaffAdministrationError Error { get; } = error;

    public string Subject { get; } = subject;
}
