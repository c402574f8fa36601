using EfaGateway.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EfaGateway.Host.Pages.Operator;

/// <summary>
/// Signs a browser in to the operator console with an operator API key (a form post with antiforgery, rate-limited per
/// client like PIN entry); the session cookie holds only the key's fingerprint.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Host.Forms.RateLimits.Pin)]
public sealed partial class SignInModel(OperatorKeyStore keys, ILogger<SignInModel> logger) : KernPageModel
{
    [BindProperty]
    public string Key { get; set; } = string.Empty;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (keys.FingerprintOf(Key.Trim()) is not { } fingerprint)
        {
            LogRefused(logger);
            AddError("Key", T("Der Betriebsschlüssel ist falsch.", "The operator key is wrong."));
            return Page();
        }

        await HttpContext.SignInAsync(OperatorConsoleAuthentication.Scheme, OperatorConsoleAuthentication.Principal(fingerprint));
        LogSignedIn(logger);
        return Redirect(OperatorConsoleAuthentication.Path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator console: sign-in refused (wrong key)")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator console: signed in")]
    private static partial void LogSignedIn(ILogger logger);
}
