using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The notice mails to Postkorb staff; the schedule is in <c>AddGatewayJobs</c> (server hosts only).</summary>
    public static IServiceCollection AddPostkorbNotifications(this IServiceCollection services)
    {
        // Validated on every start, also for CLI verbs, so a bad interval is found before the server is started with it.
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddScoped<PostkorbNotifier>();
        return services;
    }
}
