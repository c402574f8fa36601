using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EfaGateway.Transports.Xta.Soap;

/// <summary>
/// The open <see cref="XtaConnection"/>s of the XTA routes (a singleton). Without it every call built a channel factory
/// and a TLS handshake with the client certificate, and every delivery and receipt check opened the PKCS#12 twice:
/// that was most of the host's CPU per XTA application.
/// A connection is keyed by the route's whole settings (endpoints, client certificate and password, trust anchors,
/// proxy, timeout among them), so a changed route or certificate gets a new one; the one it replaces is disposed as
/// soon as no call uses it. Settings are checked once, when their connection is opened.
/// </summary>
public sealed class XtaConnectionPool(TimeProvider time) : IDisposable
{
    /// <summary>
    /// A connection is replaced after this long, even while in use: its pooled TLS connections then handshake again, so
    /// a renewed or replaced server certificate and a moved DNS name are seen within this time, and an idle route's
    /// connection does not stay open for ever (checked whenever any route asks for a connection).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, XtaConnection> connections = new(StringComparer.Ordinal);

    /// <summary>Which settings (key) each route uses now, so that a route's old connection can be let go.</summary>
    private readonly Dictionary<string, string> keyOfRoute = new(StringComparer.Ordinal);

    private bool disposed;

    /// <summary>How many connections are open (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return connections.Count;
            }
        }
    }

    /// <summary>
    /// A client for <paramref name="route"/> (the tenant and process it serves) on the connection of its settings, or
    /// why the settings cannot be used. The client must be disposed: that ends its lease on the connection.
    /// </summary>
    public (XtaClient? Client, string? Problem) ClientFor(string route, JsonElement? settingsJson)
    {
        if (settingsJson is not { ValueKind: JsonValueKind.Object } json)
        {
            return (null, XtaTransport.ReadSettings(settingsJson).Problem);
        }

        var key = KeyOf(json);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (LeaseLocked(route, key) is { } client)
            {
                return (client, null);
            }
        }

        // Outside the lock: checking the settings opens the PKCS#12, which takes a while.
        var (settings, problem) = XtaTransport.ReadSettings(json);
        if (settings is null)
        {
            return (null, problem);
        }

        var opened = new XtaConnection(settings, time.GetUtcNow());
        lock (gate)
        {
            if (disposed)
            {
                opened.Dispose();
                throw new ObjectDisposedException(nameof(XtaConnectionPool));
            }

            if (LeaseLocked(route, key) is { } raced)
            {
                // Another worker opened one meanwhile; this one was never used.
                opened.Dispose();
                return (raced, null);
            }

            connections[key] = opened;
            Use(route, key);
            opened.TryLease();
            return (new XtaClient(opened, opened.Release), null);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var connection in connections.Values)
            {
                connection.Retire();
            }

            connections.Clear();
            keyOfRoute.Clear();
        }
    }

    /// <summary>The settings' SHA-256: the key holds no secret in the clear, and two routes with equal settings share.</summary>
    private static string KeyOf(JsonElement settings) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings.GetRawText())));

    private XtaClient? LeaseLocked(string route, string key)
    {
        RetireExpiredLocked();
        if (!connections.TryGetValue(key, out var connection) || !connection.TryLease())
        {
            return null;
        }

        Use(route, key);
        return new XtaClient(connection, connection.Release);
    }

    /// <summary>Records that the route uses <paramref name="key"/> now; its former connection goes if no other route uses it.</summary>
    private void Use(string route, string key)
    {
        if (keyOfRoute.TryGetValue(route, out var former) && former == key)
        {
            return;
        }

        keyOfRoute[route] = key;
        if (former is not null && !keyOfRoute.ContainsValue(former) && connections.Remove(former, out var replaced))
        {
            replaced.Retire();
        }
    }

    private void RetireExpiredLocked()
    {
        var now = time.GetUtcNow();
        List<string>? expired = null;
        foreach (var (key, connection) in connections)
        {
            if (now - connection.OpenedAt >= MaxAge || !connection.IsUsable)
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            connections.Remove(key, out var connection);
            connection!.Retire();
            foreach (var route in keyOfRoute.Where(pair => pair.Value == key).Select(pair => pair.Key).ToList())
            {
                keyOfRoute.Remove(route);
            }
        }
    }
}
