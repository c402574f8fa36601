using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>How to start a <see cref="FakeZustelldienst"/>; the defaults suit an in-process test.</summary>
public sealed record FakeZustelldienstOptions
{
    /// <summary>Port on 127.0.0.1; 0 takes any free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The address senders reach the fake under when a proxy sits in front of it (fault injection): events name it
    /// as their issuer, as a real Zustelldienst names its public address. Defaults to the fake's own address.
    /// </summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>Where keys, the root certificate and the demo destination are kept across restarts; none in tests.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Clock for token expiry, SET iat and callback timestamps (the PKI keeps real time for X509Chain).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Lifetime of new access tokens (FIT-Connect: 30 minutes); changeable later on the handle.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>
    /// Whether the token endpoint takes client credentials in an HTTP Basic header. The FITKO token endpoint answers
    /// Basic with invalid_client (client_secret_post only; FINDINGS §3), so off by default.
    /// </summary>
    public bool AcceptBasicClientAuthentication { get; init; }

    /// <summary>Create one active demo destination (LeiKa 99108008000000) with a subscriber client.</summary>
    public bool CreateDemoDestination { get; init; } = true;

    /// <summary>More submission schemas for the demo destination's service.</summary>
    public IReadOnlyList<SubmissionSchema> AdditionalDemoSchemas { get; init; } = [];

    /// <summary>
    /// The <c>$schema</c> of the SETs the fake issues. The FITKO test Zustelldienst issues set-payload 1.2.2 today and
    /// refused a subscriber SET with 1.0.0 (FINDINGS §2.2); the fake accepts any 1.x from subscribers.
    /// </summary>
    public string SetPayloadSchema { get; init; } = "https://schema.fitko.de/fit-connect/set-payload/1.2.2/set-payload.schema.json";

    /// <summary>Pauses between callback attempts after a failure (the first attempt is immediate).</summary>
    public IReadOnlyList<TimeSpan> CallbackRetryDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)];

    /// <summary>Largest request body Kestrel takes; its default (about 28.6 MiB) unless set. Large attachments need more.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>
    /// Attachment uploads announced with at least this Content-Length are decrypted with the destination's key as they
    /// arrive and kept only as a <see cref="Jose.JweDigest"/> (tag, length, SHA-512 of the plaintext), never whole: for
    /// tests of senders' memory with very large files. The subscriber API cannot hand such an attachment out. Off if null.
    /// </summary>
    public long? StreamAttachmentsFromBytes { get; init; }

    /// <summary>Logging of the web host; none unless set (tests stay quiet).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
