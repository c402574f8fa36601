using System.Security.Claims;
using System.Text;
using EfaGateway.Persistence.Blobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace EfaGateway.Persistence.Staff;

/// <summary>
/// Identity's EF user store for staff accounts, with three additions: every claim, login and token row carries the
/// user's tenant; the TOTP authenticator key is sealed with the blob cipher (AES-256-GCM, the key ring operators already
/// back up and rotate, bound to the user's id so a secret copied to another row does not open); and every new password
/// hash is written to the password history with the time it was set (for "not one of the last 6" and the minimum age).
/// </summary>
public sealed class StaffUserStore(GatewayDbContext context, BlobCipher cipher, TimeProvider time, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<StaffUser, GatewayDbContext, Guid, StaffUserClaim, StaffUserLogin, StaffUserToken>(context, describer)
{
    private const string AuthenticatorProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    public override async Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        await base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
        if (passwordHash is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        user.PasswordChangedAt = now;
        user.PasswordResetForced = false;
        Context.StaffPasswordHistory.Add(new StaffPasswordHistoryEntry { TenantId = user.TenantId, UserId = user.Id, PasswordHash = passwordHash, SetAt = now });
    }

    public override Task SetAuthenticatorKeyAsync(StaffUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, AuthenticatorProvider, AuthenticatorKeyName, Seal(user, key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, AuthenticatorProvider, AuthenticatorKeyName, cancellationToken);
        return stored is null ? null : Open(user, stored);
    }

    protected override StaffUserClaim CreateUserClaim(StaffUser user, Claim claim)
    {
        var row = new StaffUserClaim { UserId = user.Id, TenantId = user.TenantId };
        row.InitializeFromClaim(claim);
        return row;
    }

    protected override StaffUserLogin CreateUserLogin(StaffUser user, UserLoginInfo login) => new()
    {
        UserId = user.Id,
        TenantId = user.TenantId,
        LoginProvider = login.LoginProvider,
        ProviderKey = login.ProviderKey,
        ProviderDisplayName = login.ProviderDisplayName,
    };

    protected override StaffUserToken CreateUserToken(StaffUser user, string loginProvider, string name, string? value) => new()
    {
        UserId = user.Id,
        TenantId = user.TenantId,
        LoginProvider = loginProvider,
        Name = name,
        Value = value,
    };

    private string Seal(StaffUser user, string key) => Convert.ToBase64String(cipher.Encrypt(SealingLabel(user), Encoding.UTF8.GetBytes(key)));

    private string Open(StaffUser user, string sealedKey) => Encoding.UTF8.GetString(cipher.Decrypt(SealingLabel(user), Convert.FromBase64String(sealedKey)));

    private static string SealingLabel(StaffUser user) => $"staff-authenticator/{user.Id:N}";
}
