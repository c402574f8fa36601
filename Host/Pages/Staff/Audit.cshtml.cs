using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>The tenant's audit log for its administrators, newest first, 50 lines a page.</summary>
[Authorize(Policy = StaffPolicies.Administrator)]
public sealed class AuditModel(ICatalogStore catalog, IAuditLog audit) : StaffPageModel(catalog)
{
    public const int PageSize = 50;

    [FromQuery(Name = "seite")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Lines { get; private set; } = new([], 1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        Lines = await audit.ReadAsync(Tenant, Math.Max(1, PageNumber), PageSize, cancellationToken);
        return Page();
    }

    public string Time(DateTimeOffset at) => at.ToString(English ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "dd.MM.yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
