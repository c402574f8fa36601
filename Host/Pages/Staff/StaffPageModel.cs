using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using EfaGateway.Host.Staff;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>What every staff page shares: the tenant from the route, texts in the reader's language, the signed-in account.</summary>
public abstract class StaffPageModel(ICatalogStore catalog) : KernPageModel
{
    [FromRoute]
    public string Tenant { get; set; } = string.Empty;

    public string TenantName { get; private set; } = string.Empty;

    public string Home => StaffRoutes.Home(Tenant);

    /// <summary>Loads the tenant; null when the page may show, else 404.</summary>
    protected async Task<IActionResult?> LoadTenantAsync(CancellationToken cancellationToken)
    {
        var tenant = await catalog.FindTenantAsync(Tenant, cancellationToken);
        if (tenant is null)
        {
            return NotFound();
        }

        TenantName = tenant.Name;
        ViewData["TenantName"] = tenant.Name;
        return null;
    }

    /// <summary>The signed-in staff member of this tenant (the policy has checked the tenant claim), or null.</summary>
    protected async Task<StaffUser?> CurrentUserAsync(UserManager<StaffUser> users) =>
        StaffPrincipal.IsStaffOf(User, Tenant) && await users.GetUserAsync(User) is { } user && user.TenantId == Tenant ? user : null;

    protected void AddPasswordErrors(string field, IdentityResult result)
    {
        foreach (var code in result.Errors.Select(e => e.Code).Distinct())
        {
            AddError(field, StaffTexts.Describe(code, English));
        }
    }
}

/// <summary>One labelled input of a staff form (rendered by <c>_StaffInput</c>).</summary>
public sealed record StaffInput(string Name, string Label, string Type, string Autocomplete, string? Error, string? Hint = null, string? Value = null)
{
    public string Id => "f-" + Name;
}
