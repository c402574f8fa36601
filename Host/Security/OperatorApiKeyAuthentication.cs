using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Security;

/// <summary>Operator endpoints authenticate with <c>X-Api-Key</c>. Staff sign-in (issue 6) is a separate scheme.</summary>
public sealed class OperatorApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OperatorKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "OperatorApiKey";
    public const string Policy = "Operator";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.IsValid(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

public static class OperatorApiKeyServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<OperatorKeyStore>();
        services.AddAuthentication(OperatorApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, OperatorApiKeyAuthentication>(OperatorApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorApiKeyAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(OperatorApiKeyAuthentication.SchemeName)
                .RequireRole("operator"));
        return services;
    }
}
