using EfaGateway.Core.Ports;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Privacy;

/// <summary>
/// The data-protection documentation of a process as enabled for a tenant, from the stored configuration (routes,
/// retention) and <c>Gateway:Privacy</c>, dated by the clock.
/// </summary>
public sealed class PrivacyDocumentation(ICatalogStore catalog, IOptions<PrivacyOptions> options, TimeProvider time)
{
    /// <summary>The document, or null when the tenant does not exist or has not enabled the process.</summary>
    public async Task<PrivacyDocument?> BuildAsync(string tenantId, string processId, CancellationToken cancellationToken)
    {
        var tenantProcess = await catalog.FindTenantProcessAsync(tenantId, processId, cancellationToken);
        if (tenantProcess is null)
        {
            return null;
        }

        // The date printed is the municipality's calendar day, not UTC's.
        var asOf = EfaGateway.Core.Time.GermanCivilTime.DateOf(time.GetUtcNow());
        return PrivacyDocumentBuilder.Build(tenantProcess, ResolvedPrivacy.For(options.Value, tenantId, processId), asOf);
    }
}

public static class PrivacyDocumentationServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacyDocumentation(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddScoped<PrivacyDocumentation>();
        return services;
    }
}
