using EfaGateway.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Transports.Postkorb;

public static class PostkorbServiceCollectionExtensions
{
    /// <summary>The Postkorb transport (keyed "postkorb") and the inbox used by the staff API.</summary>
    public static IServiceCollection AddPostkorbTransport(this IServiceCollection services)
    {
        services.AddKeyedScoped<ITransport, PostkorbTransport>(PostkorbTransport.TransportId);
        services.AddScoped<PostkorbInbox>();
        return services;
    }
}
