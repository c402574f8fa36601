using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>Signing out is a POST (with the antiforgery token), so no link or image can end a session.</summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class SignOutModel(ICatalogStore catalog, StaffAccounts accounts) : StaffPageModel(catalog)
{
    public IActionResult OnGet() => Redirect(Home);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(Tenant, StaffPrincipal.Login(User), cancellationToken);
        return Redirect(Home);
    }
}
