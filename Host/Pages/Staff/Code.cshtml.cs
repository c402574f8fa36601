using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>The second sign-in step when the account has a second factor: the code of the authenticator app.</summary>
[AllowAnonymous]
[EnableRateLimiting(Host.Forms.RateLimits.Pin)]
public sealed class CodeModel(ICatalogStore catalog, StaffAccounts accounts) : StaffPageModel(catalog)
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadTenantAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        switch (await accounts.SecondFactorAsync(Tenant, Code, cancellationToken))
        {
            case SignInOutcome.SignedIn:
                return Redirect(Home);
            case SignInOutcome.Expired:
                return Redirect(Home);
            case SignInOutcome.LockedOut:
                AddError("Code", T("Zu viele falsche Codes. Das Konto ist vorübergehend gesperrt.", "Too many wrong codes. The account is locked for a while."));
                break;
            default:
                AddError("Code", T("Der Code ist falsch oder abgelaufen.", "The code is wrong or has expired."));
                break;
        }

        return Page();
    }
}
