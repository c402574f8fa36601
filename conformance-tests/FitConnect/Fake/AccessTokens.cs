using System.Security.Cryptography;
using EfaGateway.Conformance.FitConnect.Jose;

namespace EfaGateway.Conformance.FitConnect.Fake;

public enum ClientRole
{
    Sender,
    Subscriber,
}

/// <summary>A registered OAuth client: senders may announce and submit, subscribers act for their destinations.</summary>
internal sealed record RegisteredClient(ClientCredentials Credentials, ClientRole Role, IReadOnlySet<string> DestinationIds);

/// <summary>An issued opaque access token.</summary>
internal sealed record AccessToken(string Value, RegisteredClient Client, DateTimeOffset ExpiresAt);

/// <summary>Clients and the opaque bearer tokens issued to them; expiry is judged by the fake's TimeProvider.</summary>
internal sealed class AccessTokens(TimeProvider time, TimeSpan lifetime)
{
    private readonly Dictionary<string, RegisteredClient> clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> tokens = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int requestCount;

    public TimeSpan Lifetime { get; set; } = lifetime;

    public int RequestCount => Volatile.Read(ref requestCount);

    public ClientCredentials Register(ClientRole role, IEnumerable<string> destinationIds, ClientCredentials? fixedCredentials = null)
    {
        var credentials = fixedCredentials ?? new ClientCredentials(Guid.NewGuid().ToString(),
            Base64UrlText.Encode(RandomNumberGenerator.GetBytes(32)));
        lock (gate)
        {
            clients[credentials.ClientId] = new RegisteredClient(credentials, role,
                new HashSet<string>(destinationIds, StringComparer.Ordinal));
        }

        return credentials;
    }

    public void CountRequest() => Interlocked.Increment(ref requestCount);

    /// <summary>A new token, or null for unknown client or wrong secret (compared in constant time).</summary>
    public AccessToken? Issue(string? clientId, string? clientSecret)
    {
        lock (gate)
        {
            if (clientId is null || clientSecret is null || !clients.TryGetValue(clientId, out var client)
                || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(client.Credentials.ClientSecret),
                    System.Text.Encoding.UTF8.GetBytes(clientSecret)))
            {
                return null;
            }

            var token = new AccessToken(Base64UrlText.Encode(RandomNumberGenerator.GetBytes(32)), client,
                time.GetUtcNow() + Lifetime);
            tokens[token.Value] = token;
            return token;
        }
    }

    /// <summary>The token if it exists and has not expired.</summary>
    public AccessToken? Find(string value)
    {
        lock (gate)
        {
            return tokens.TryGetValue(value, out var token) && time.GetUtcNow() < token.ExpiresAt ? token : null;
        }
    }

    /// <summary>Lets every token issued so far expire now (to force a refresh in the middle of a flow).</summary>
    public void ExpireAll()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var key in tokens.Keys.ToList())
            {
                tokens[key] = tokens[key] with { ExpiresAt = now };
            }
        }
    }
}
