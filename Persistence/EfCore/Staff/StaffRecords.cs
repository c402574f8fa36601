using Microsoft.AspNetCore.Identity;

namespace EfaGateway.Persistence.Staff;

/// <summary>
/// A municipal staff member (Postkorb account). Belongs to exactly one tenant. Identity's <c>UserName</c> is
/// <see cref="ComposeUserName"/> of tenant and <see cref="Login"/>, so Identity's unique user-name index makes the
/// login unique per tenant while two tenants may both have a "mmueller".
/// </summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The user id as the staff member types it on the sign-in page.</summary>
    public string Login { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    public bool IsActive { get; set; } = true;

    /// <summary>May manage the tenant's staff and read its audit log.</summary>
    public bool IsAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current password was set; null while the account has none. Drives the minimum age.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>An administrator forced a reset: the next password may be set regardless of the minimum age.</summary>
    public bool PasswordResetForced { get; set; }

    public static string ComposeUserName(string tenantId, string login) => $"{tenantId}/{login}";
}

/// <summary>Identity's claim row, carrying the tenant so every staff row can be found (and removed) by tenant.</summary>
public sealed class StaffUserClaim : IdentityUserClaim<Guid>
{
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>Identity's external-login row (unused: staff sign in with a password), with the tenant.</summary>
public sealed class StaffUserLogin : IdentityUserLogin<Guid>
{
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>Identity's token row (the sealed authenticator key lives here), with the tenant.</summary>
public sealed class StaffUserToken : IdentityUserToken<Guid>
{
    public string TenantId { get; set; } = string.Empty;
}

/// <summary>A staff member may see the Postkorb items of this process of their tenant.</summary>
public sealed class StaffProcessGrant
{
    public string TenantId { get; set; } = string.Empty;

    public Guid UserId { get; set; }

    public string ProcessId { get; set; } = string.Empty;

    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>A password hash the user had; the last six may not be chosen again.</summary>
public sealed class StaffPasswordHistoryEntry
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public Guid UserId { get; set; }

    public string PasswordHash { get; set; } = string.Empty;

    public DateTimeOffset SetAt { get; set; }
}

/// <summary>A one-time link to set a password (invitation or forced reset). Only the SHA-256 of the token is stored.</summary>
public sealed class StaffPasswordLink
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public Guid UserId { get; set; }

    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A stored audit line (see <see cref="Core.Ports.IAuditLog"/>).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string? Target { get; set; }

    public string? Details { get; set; }
}
