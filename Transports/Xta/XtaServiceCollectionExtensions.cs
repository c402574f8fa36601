using EfaGateway.Core.Ports;
using EfaGateway.Transports.Xta.Mailbox;
using EfaGateway.Transports.Xta.Settings;
using EfaGateway.Transports.Xta.Soap;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EfaGateway.Transports.Xta;

public static class XtaServiceCollectionExtensions
{
    /// <summary>
    /// The XTA 2 Version 3 transport (keyed "xta"), its transport-report receipts, its route settings check, and the
    /// routes' open connections they share (disposed with the container).
    /// </summary>
    public static IServiceCollection AddXtaTransport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<XtaConnectionPool>();
        services.AddKeyedSingleton<ITransport, XtaTransport>(XtaTransport.TransportId);
        services.AddKeyedSingleton<IReceiptSource, XtaReceipts>(XtaTransport.TransportId);
        services.AddKeyedSingleton<ITransportSettings, XtaTransportSettings>(XtaTransport.TransportId);
        return services;
    }

    /// <summary>
    /// The gateway's own XTA mailbox (keyed "xta-mailbox"): the transport that stores messages for a reader, its
    /// receipt source (open until closed), its route settings check, the options (the host binds <c>Gateway:XtaMailbox</c>;
    /// checked at start) and the MsgBoxPort/ManagementPort operations. The HTTPS endpoint itself is the host's.
    /// </summary>
    public static IServiceCollection AddXtaMailbox(this IServiceCollection services)
    {
        services.AddOptions<XtaMailboxOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<XtaMailboxOptions>, XtaMailboxOptionsValidator>();
        services.AddKeyedSingleton<ITransport, XtaMailboxTransport>(XtaMailboxTransport.TransportId);
        services.AddKeyedSingleton<IReceiptSource, XtaMailboxReceipts>(XtaMailboxTransport.TransportId);
        services.AddKeyedSingleton<ITransportSettings, XtaMailboxTransportSettings>(XtaMailboxTransport.TransportId);
        services.AddScoped<XtaMailbox>();
        services.AddScoped<MsgBoxService>();
        return services;
    }
}
