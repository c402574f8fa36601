using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>Set a password from a one-time link (invitation or forced reset). The token travels in the query, never in the path (paths are logged).</summary>
[AllowAnonymous]
[EnableRateLimiting(Host.Forms.RateLimits.Pin)]
public sealed class SetPasswordModel(ICatalogStore catalog, StaffAccounts accounts, StaffPasswordLinks links) : StaffPageModel(catalog)
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    public string Repeat { get; set; } = string.Empty;

    public bool LinkInvalid { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        LinkInvalid = await links.FindOpenAsync(Tenant, Token, cancellationToken) is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        if (NewPassword != Repeat)
        {
            LinkInvalid = await links.FindOpenAsync(Tenant, Token, cancellationToken) is null;
            AddError("Repeat", T("Die beiden Passwörter stimmen nicht überein.", "The two passwords do not match."));
            return Page();
        }

        var result = await accounts.SetPasswordFromLinkAsync(Tenant, Token, NewPassword, cancellationToken);
        if (result is null)
        {
            LinkInvalid = true;
        }
        else if (result.Succeeded)
        {
            Done = true;
        }
        else
        {
            AddPasswordErrors("NewPassword", result);
        }

        return Page();
    }
}
