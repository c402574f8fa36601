using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>Change the password: the current one, then the new one twice; the rules are listed on the page.</summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class PasswordModel(ICatalogStore catalog, StaffAccounts accounts, UserManager<StaffUser> users) : StaffPageModel(catalog)
{
    [BindProperty]
    public string Current { get; set; } = string.Empty;

    [BindProperty]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    public string Repeat { get; set; } = string.Empty;

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadTenantAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        if (await CurrentUserAsync(users) is not { } user)
        {
            return Redirect(Home);
        }

        if (NewPassword != Repeat)
        {
            AddError("Repeat", T("Die beiden neuen Passwörter stimmen nicht überein.", "The two new passwords do not match."));
            return Page();
        }

        var result = await accounts.ChangePasswordAsync(user, Current, NewPassword, cancellationToken);
        if (result.Succeeded)
        {
            Changed = true;
            return Page();
        }

        foreach (var code in result.Errors.Select(e => e.Code).Distinct())
        {
            AddError(code == "PasswordMismatch" ? "Current" : "NewPassword", StaffTexts.Describe(code, English));
        }

        return Page();
    }
}
