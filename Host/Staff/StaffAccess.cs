using System.Security.Claims;
using EfaGateway.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace EfaGateway.Host.Staff;

/// <summary>
/// What a staff member may see: only the processes granted to them, of their own tenant, while their account is active.
/// The Postkorb pages ask here before listing or opening anything. Administrators see no more processes than granted.
/// </summary>
public sealed class StaffAccess(GatewayDbContext db)
{
    /// <summary>The process ids of tenant <paramref name="tenantId"/> user <paramref name="userId"/> may see (empty for a user of another tenant).</summary>
    public async Task<IReadOnlyList<string>> VisibleProcessesAsync(string tenantId, Guid userId, CancellationToken cancellationToken) =>
        await (from grant in db.StaffProcessGrants.AsNoTracking()
               join user in db.Users.AsNoTracking() on grant.UserId equals user.Id
               where grant.UserId == userId && grant.TenantId == tenantId && user.TenantId == tenantId && user.IsActive
               orderby grant.ProcessId
               select grant.ProcessId).ToListAsync(cancellationToken);

    public async Task<bool> MaySeeProcessAsync(string tenantId, Guid userId, string processId, CancellationToken cancellationToken) =>
        (await VisibleProcessesAsync(tenantId, userId, cancellationToken)).Contains(processId, StringComparer.Ordinal);

    /// <summary>The signed-in staff member's processes (empty when the principal is not staff of this tenant).</summary>
    public Task<IReadOnlyList<string>> VisibleProcessesAsync(ClaimsPrincipal user, string tenantId, CancellationToken cancellationToken) =>
        StaffPrincipal.IsStaffOf(user, tenantId) && StaffPrincipal.UserId(user) is { } id
            ? VisibleProcessesAsync(tenantId, id, cancellationToken)
            : Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>Reading the staff claims of a principal.</summary>
public static class StaffPrincipal
{
    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? Tenant(ClaimsPrincipal user) => user?.FindFirstValue(StaffClaims.Tenant);

    public static string Login(ClaimsPrincipal user) => user?.FindFirstValue(StaffClaims.Login) ?? string.Empty;

    public static bool IsStaffOf(ClaimsPrincipal user, string tenantId) =>
        user is not null && user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == StaffAuthentication.Scheme)
        && string.Equals(Tenant(user), tenantId, StringComparison.Ordinal);

    public static bool IsAdministratorOf(ClaimsPrincipal user, string tenantId) => IsStaffOf(user, tenantId) && user.HasClaim(StaffClaims.Administrator, "true");
}

/// <summary>The tenant in the route must be the tenant of the staff session; checked on every staff request.</summary>
public sealed class StaffTenantRequirement(bool administrator) : IAuthorizationRequirement
{
    public bool Administrator { get; } = administrator;
}

public sealed class StaffTenantHandler : AuthorizationHandler<StaffTenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTenantRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.GetRouteValue("tenant") is string tenant)
        {
            var allowed = requirement.Administrator ? StaffPrincipal.IsAdministratorOf(context.User, tenant) : StaffPrincipal.IsStaffOf(context.User, tenant);
            if (allowed)
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>Authorization policies for staff pages and endpoints: <c>[Authorize(Policy = StaffPolicies.Member)]</c>.</summary>
public static class StaffPolicies
{
    /// <summary>Signed in as staff of the route's tenant.</summary>
    public const string Member = "StaffMember";

    /// <summary>Signed in as an administrator of the route's tenant.</summary>
    public const string Administrator = "StaffAdministrator";
}
