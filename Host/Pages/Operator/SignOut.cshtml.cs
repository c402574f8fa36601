using EfaGateway.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EfaGateway.Host.Pages.Operator;

/// <summary>Signing out is a POST (with the antiforgery token), so no link or image can end a session.</summary>
[Authorize(Policy = OperatorConsoleAuthentication.Policy)]
public sealed class SignOutModel : KernPageModel
{
    public IActionResult OnGet() => Redirect(OperatorConsoleAuthentication.Path);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(OperatorConsoleAuthentication.Scheme);
        return Redirect(OperatorConsoleAuthentication.SignInPath);
    }
}
