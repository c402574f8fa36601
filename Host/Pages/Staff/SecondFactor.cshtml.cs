using EfaGateway.Core.Ports;
using EfaGateway.Host.Staff;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Staff;

/// <summary>
/// Optional second factor (TOTP): shows the key to enter into an authenticator app (as text, so it works without a
/// camera, script or image), enables it with a first code, disables it with the password.
/// </summary>
[Authorize(Policy = StaffPolicies.Member)]
public sealed class SecondFactorModel(ICatalogStore catalog, StaffAccounts accounts, UserManager<StaffUser> users) : StaffPageModel(catalog)
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public bool Enabled { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadTenantAsync(cancellationToken) ?? (await LoadAsync() ? Page() : Redirect(Home));

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        if (await CurrentUserAsync(users) is not { } user)
        {
            return Redirect(Home);
        }

        if (await accounts.EnableSecondFactorAsync(user, Code, cancellationToken))
        {
            Message = T("Der zweite Faktor ist eingerichtet. Bei der nächsten Anmeldung fragen wir nach dem Code.", "The second factor is set up. We will ask for the code at your next sign-in.");
        }
        else
        {
            AddError("Code", T("Der Code ist falsch. Prüfen Sie den Schlüssel und die Uhrzeit Ihres Geräts.", "The code is wrong. Check the key and your device's clock."));
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (await LoadTenantAsync(cancellationToken) is { } early)
        {
            return early;
        }

        if (await CurrentUserAsync(users) is not { } user)
        {
            return Redirect(Home);
        }

        if (await accounts.DisableSecondFactorAsync(user, Password, cancellationToken))
        {
            Message = T("Der zweite Faktor ist ausgeschaltet.", "The second factor is switched off.");
        }
        else
        {
            AddError("Password", T("Das Passwort ist falsch.", "The password is wrong."));
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The key in groups of four, easier to type.</summary>
    public string GroupedKey => string.Join(' ', Key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    public string OtpAuthUri => $"otpauth://totp/{Uri.EscapeDataString("EfaGateway:" + StaffPrincipal.Login(User))}?secret={Key}&issuer=EfaGateway&digits=6";

    private async Task<bool> LoadAsync()
    {
        if (await CurrentUserAsync(users) is not { } user)
        {
            return false;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Key = Enabled ? string.Empty : await accounts.AuthenticatorKeyAsync(user);
        return true;
    }
}
