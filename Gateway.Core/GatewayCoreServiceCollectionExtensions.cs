using System.Diagnostics.Metrics;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Diagnostics;
using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Core;

public static class GatewayCoreServiceCollectionExtensions
{
    /// <summary>The pipeline services of the core. Stores, mappers and transports are added by their own extensions.</summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliverySignal, DeliverySignal>();
        services.TryAddSingleton(provider => new GatewayMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetryOptions>, RetryOptionsValidator>());
        services.AddScoped<SubmissionIntake>();
        services.AddScoped<ArtifactBuilder>();
        services.AddScoped<DeliveryProcessor>();
        services.AddScoped<DeliveryFollowUp>();
        services.AddScoped<SubmissionPurger>();
        services.AddScoped<LeaseSweeper>();
        services.AddScoped<ReceiptPoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReceiptOptions>, ReceiptOptionsValidator>());
        services.AddScoped<DeliveryOperations>();
        services.AddScoped<RetentionService>();
        return services;
    }

    private sealed class ReceiptOptionsValidator : IValidateOptions<ReceiptOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReceiptOptions options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    /// <summary>Reports every problem of the retry options at once, not just the first.</summary>
    private sealed class RetryOptionsValidator : IValidateOptions<RetryOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetryOptions options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
