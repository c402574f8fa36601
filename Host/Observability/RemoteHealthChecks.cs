using System.Net.Security;
using System.Net.Sockets;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Mail;
using EfaGateway.Transports.FitConnect;
using EfaGateway.Transports.FitConnect.Settings;
using EfaGateway.Transports.Xta;
using EfaGateway.Transports.Xta.Settings;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EfaGateway.Host.Observability;

/// <summary>
/// A check that talks to another system, with its result reused for <see cref="TelemetryOptions.RemoteCheckCacheDuration"/>:
/// load balancers poll readiness every few seconds, and the SMTP relay or a Zustelldienst should not see each poll.
/// Singleton, so the cache outlives the per-request check instance.
/// </summary>
public abstract class CachedRemoteCheck(IOptions<TelemetryOptions> options, TimeProvider time) : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private HealthCheckResult? cached;
    private DateTimeOffset cachedAt;

    protected TimeSpan Timeout => options.Value.RemoteCheckTimeout;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } fresh && time.GetUtcNow() - cachedAt < options.Value.RemoteCheckCacheDuration)
            {
                return fresh;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            cached = await ProbeAsync(timeout.Token);
            cachedAt = time.GetUtcNow();
            return cached.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// SMTP: connect and EHLO (MailKit's connect does both), no sign-in, no mail. Degraded when it fails: the gateway keeps
/// accepting applications; only mails (draft links, notices) wait or are shown on the page instead.
/// </summary>
public sealed class SmtpHealthCheck(IOptions<SmtpOptions> smtp, IOptions<TelemetryOptions> options, TimeProvider time)
    : CachedRemoteCheck(options, time)
{
    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        try
        {
            using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy($"SMTP relay {settings.Host}:{settings.Port} answers EHLO");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // Only the exception type: a server's error text may echo what we sent.
            return HealthCheckResult.Degraded(
                $"SMTP relay {settings.Host}:{settings.Port} does not answer ({ex.GetType().Name}): mails (draft links, notices) cannot be sent");
        }
    }
}

/// <summary>
/// The remote endpoints of every enabled FIT-Connect and XTA route: a TCP connect and, for https, a TLS handshake — no
/// request, no credentials, so nothing secret can end up in a log on either side. Degraded when one fails: deliveries
/// over it retry, nothing is lost. The description names the host and port, never a secret.
/// </summary>
public sealed class RemoteEndpointsHealthCheck(IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time)
    : CachedRemoteCheck(options, time)
{
    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var endpoints = await ListEndpointsAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return HealthCheckResult.Healthy("no remote endpoints configured");
        }

        var failures = new List<string>();
        foreach (var (endpoint, users) in endpoints)
        {
            if (await ProbeAsync(endpoint, cancellationToken) is { } error)
            {
                failures.Add($"{endpoint.Host}:{endpoint.Port} ({error}; used by {string.Join(", ", users.Order(StringComparer.Ordinal))})");
            }
        }

        var data = new Dictionary<string, object> { ["endpoints"] = endpoints.Count, ["unreachable"] = failures.Count };
        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{endpoints.Count} remote endpoint(s) reachable", data)
            : HealthCheckResult.Degraded($"Unreachable, deliveries retry: {string.Join("; ", failures)}", data: data);
    }

    /// <summary>Distinct scheme/host/port of every route's remote URLs, with the tenant/process/transport using each.</summary>
    private async Task<Dictionary<Uri, HashSet<string>>> ListEndpointsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        var endpoints = new Dictionary<Uri, HashSet<string>>();
        foreach (var process in await catalog.ListAllTenantProcessesAsync(cancellationToken))
        {
            foreach (var route in process.Routes)
            {
                IEnumerable<Uri?> urls = route.TransportId switch
                {
                    FitConnectTransport.TransportId when FitConnectRouteSettings.Read(route.Settings).Settings is { } fit =>
                        [fit.TokenUrl, fit.SubmissionApiUrl],
                    XtaTransport.TransportId when XtaRouteSettings.Read(route.Settings).Settings is { } xta => [xta.ManagementUrl, xta.SendUrl],
                    _ => [],
                };
                foreach (var url in urls.OfType<Uri>().Where(u => u.IsAbsoluteUri))
                {
                    // Only scheme, host and port: paths and query strings may carry ids that are nobody's business here.
                    var key = new Uri($"{url.Scheme}://{url.Authority}/");
                    if (!endpoints.TryGetValue(key, out var users))
                    {
                        endpoints[key] = users = [];
                    }

                    users.Add($"{process.TenantId}/{process.Process.Id}/{route.TransportId}");
                }
            }
        }

        return endpoints;
    }

    private static async Task<string?> ProbeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            if (endpoint.Scheme == Uri.UriSchemeHttps)
            {
                // The handshake proves the server is there, speaks TLS and shows a trusted certificate, as the transport needs.
                await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
            }

            return null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException
                                       or OperationCanceledException)
        {
            return ex is OperationCanceledException ? "timeout" : ex.GetType().Name;
        }
    }
}
