using EfaGateway.Persistence;
using EfaGateway.Persistence.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Staff;

/// <summary>
/// Staff sign-in: ASP.NET Core Identity over the gateway's database, with its own cookies (never the operator API key
/// scheme), scoped to <c>/{tenant}/postkorb</c>, idle-expiring, and the security stamp checked on every request.
/// </summary>
public static class StaffAuthentication
{
    /// <summary>The staff session's cookie scheme.</summary>
    public const string Scheme = "Identity.Application";

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddHttpContextAccessor();

        services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@/";
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddUserStore<StaffUserStore>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<StaffOptions>>((identity, staff) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = staff.Value.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = staff.Value.LockoutPeriod;
        });

        // Only the rules of the service description, with their own messages (Identity's stock validator is replaced).
        services.RemoveAll<IPasswordValidator<StaffUser>>();
        services.AddSingleton<CommonPasswords>();
        services.AddScoped<IPasswordValidator<StaffUser>, LengthAndClassesPasswordValidator>();
        services.AddScoped<IPasswordValidator<StaffUser>, PersonalDataPasswordValidator>();
        services.AddScoped<IPasswordValidator<StaffUser>, CommonPasswordValidator>();
        services.AddScoped<IPasswordValidator<StaffUser>, PasswordHistoryValidator>();
        services.AddScoped<IPasswordValidator<StaffUser>, MinimumAgePasswordValidator>();

        // Every request re-reads the account: a deactivation, reset or rights change ends sessions at once.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((options, time) =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            options.TimeProvider = time;
        });

        services.AddAuthentication()
            .AddCookie(Scheme, options => ConfigureCookie(options, "efagw-staff"))
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, options => ConfigureCookie(options, "efagw-staff-code"))
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, options => ConfigureCookie(options, "efagw-staff-device"));
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<StaffOptions>>((cookie, staff) =>
        {
            cookie.ExpireTimeSpan = staff.Value.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme).Configure(cookie => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5));

        services.AddSingleton<IAuthorizationHandler, StaffTenantHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Member, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new StaffTenantRequirement(false)))
            .AddPolicy(StaffPolicies.Administrator, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new StaffTenantRequirement(true)));

        services.AddScoped<StaffAccess>();
        services.AddScoped<StaffPasswordLinks>();
        services.AddScoped<StaffInvitationMail>();
        services.AddScoped<StaffAdministration>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffPostkorb>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, string name)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.IsEssential = true;
        options.CookieManager = new TenantScopedCookieManager();
        options.Events.OnRedirectToLogin = context =>
        {
            // Not signed in (or the session ended): the tenant's Postkorb page is the sign-in form.
            context.Response.Redirect(context.HttpContext.GetRouteValue("tenant") is string tenant ? StaffRoutes.Home(tenant) : "/");
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
