using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EfaGateway.Host.Security;

/// <summary>
/// The operator console (<c>/betrieb</c>): a browser signs in once with an operator API key and gets a session cookie
/// that holds only the key's fingerprint. The cookie is HttpOnly, SameSite=Strict, scoped to <c>/betrieb</c> and ends
/// after 30 minutes idle; the key itself never travels again and never sits in a URL.
/// </summary>
public static class OperatorConsoleAuthentication
{
    public const string Scheme = "OperatorConsole";
    public const string Policy = "OperatorConsole";
    public const string Path = "/betrieb";
    public const string SignInPath = Path + "/anmelden";
    public const string FingerprintClaim = "efagw:operator-key";

    public static IServiceCollection AddOperatorConsole(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "efagw-operator";
            options.Cookie.Path = Path;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.ReturnUrlParameter = string.Empty;
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(SignInPath);
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                var keys = context.HttpContext.RequestServices.GetRequiredService<OperatorKeyStore>();
                if (!keys.IsCurrent(context.Principal?.FindFirst(FingerprintClaim)?.Value))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireRole("operator"));
        return services;
    }

    public static ClaimsPrincipal Principal(string fingerprint) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, "operator"), new Claim(FingerprintClaim, fingerprint)],
        Scheme));
}
