using System.Net;
using System.Security.Cryptography.X509Certificates;
using EfaGateway.Conformance.FitConnect.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// A faithful fake of a FIT-Connect Zustelldienst (Submission API v1) on 127.0.0.1, with its own token endpoint,
/// test PKI (CRLs served under /pki) and SET signing key. Start it with <see cref="StartAsync"/>; the handle gives
/// what a sender needs (<see cref="TokenUrl"/>, <see cref="BaseUrl"/>, <see cref="Sender"/>,
/// <see cref="DemoDestination"/>, <see cref="TrustAnchorPem"/>) and the control surface for tests.
/// </summary>
public sealed class FakeZustelldienst : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FakeState state;

    private FakeZustelldienst(WebApplication app, FakeState state, Uri baseUrl, ClientCredentials sender, FakeDestination? demo)
    {
        this.app = app;
        this.state = state;
        BaseUrl = baseUrl;
        Sender = sender;
        DemoDestination = demo;
    }

    /// <summary>The API base URL (with trailing slash); Submission API v1 paths start with <c>v1/</c> below it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The base URL without trailing slash: the <c>iss</c> of the fake's own SETs.</summary>
    public string Issuer => state.Issuer;

    public Uri TokenUrl => new(BaseUrl, "token");

    /// <summary>The sender client registered at start.</summary>
    public ClientCredentials Sender { get; }

    /// <summary>The active demo destination (null if <see cref="FakeZustelldienstOptions.CreateDemoDestination"/> was off).</summary>
    public FakeDestination? DemoDestination { get; }

    public IReadOnlyList<FakeDestination> Destinations => state.Destinations;

    public TestPki Pki => state.Pki;

    /// <summary>The root certificate every destination key chains to (PEM): a sender's trust anchor.</summary>
    public string TrustAnchorPem => state.Pki.TrustAnchorPem;

    public X509Certificate2 TrustAnchor => state.Pki.Root.Certificate;

    /// <summary>The Zustelldienst's SET signing key, as published in /.well-known/jwks.json.</summary>
    public DestinationKey SigningKey => state.SigningKey;

    public CallbackDispatcher Callbacks => state.Callbacks;

    /// <summary>Lifetime of tokens issued from now on.</summary>
    public TimeSpan TokenLifetime
    {
        get => state.Tokens.Lifetime;
        set => state.Tokens.Lifetime = value;
    }

    /// <summary>How many requests reached the token endpoint (successful or not).</summary>
    public int TokenRequestCount => state.Tokens.RequestCount;

    public IReadOnlyList<AnnounceRecord> Announces => state.Announces;

    public IReadOnlyList<UploadRecord> Uploads => state.Uploads;

    public IReadOnlyList<SubmitRecord> Submits => state.Submits;

    public static async Task<FakeZustelldienst> StartAsync(FakeZustelldienstOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeZustelldienstOptions();
        // The first fake of a process needs about seven RSA-4096 keys; generate them on both cores at once.
        var warmUp = Task.Run(() => TestKeySource.WarmUp(7), cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeZustelldienst).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            if (options.MaxRequestBodyBytes is { } max)
            {
                kestrel.Limits.MaxRequestBodySize = max;
            }
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        var app = builder.Build();
        var callbacks = new CallbackDispatcher(options.TimeProvider, options.CallbackRetryDelays,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<CallbackDispatcher>());
        var state = new FakeState(options, callbacks);
        app.Use((context, next) => state.IsReady ? next(context) : Results.StatusCode(503).ExecuteAsync(context));
        ApiEndpoints.Map(app, state);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUrl = new Uri(new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/");
            await warmUp;
            var pki = await TestPki.CreateAsync(baseUrl, options.StateDirectory, cancellationToken: cancellationToken);
            state.Initialize(pki, (options.PublicBaseUrl ?? baseUrl).GetLeftPart(UriPartial.Authority));
            var saved = options.StateDirectory is null ? null : StandaloneState.Load(options.StateDirectory);
            var sender = state.Tokens.Register(ClientRole.Sender, [], saved?.Sender);
            var demo = options.CreateDemoDestination
                ? state.AddDestination(DemoSetup(options, saved?.DemoDestinationId), saved?.DemoSubscriber)
                : null;
            if (options.StateDirectory is not null)
            {
                new StandaloneState(sender, demo?.DestinationId, demo?.SubscriberClient).Save(options.StateDirectory);
            }

            return new FakeZustelldienst(app, state, baseUrl, sender, demo);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static DestinationSetup DemoSetup(FakeZustelldienstOptions options, string? destinationId) => new()
    {
        DestinationId = destinationId,
        MetadataVersions = ["1.0.0", "2.0.0", "2.1.0"],
        Services =
        [
            DestinationSetup.DemoService with
            {
                SubmissionSchemas = [.. DestinationSetup.DemoService.SubmissionSchemas, .. options.AdditionalDemoSchemas],
            },
        ],
    };

    /// <summary>Adds a destination with its keys and subscriber client.</summary>
    public FakeDestination AddDestination(DestinationSetup? setup = null) => state.AddDestination(setup ?? new DestinationSetup());

    /// <summary>Registers one more sender client.</summary>
    public ClientCredentials AddSenderClient() => state.Tokens.Register(ClientRole.Sender, []);

    public void SetStatus(FakeDestination destination, DestinationStatus status) => state.SetStatus(destination, status);

    /// <summary>A new encryption key becomes current (new kid); the old ones still decrypt what was sent for them.</summary>
    public DestinationKey RotateEncryptionKey(FakeDestination destination) => state.RotateEncryptionKey(destination);

    /// <summary>Serves a deliberately bad key as the destination's current encryption key.</summary>
    public DestinationKey ServeBadEncryptionKey(FakeDestination destination, BadEncryptionKey kind) =>
        state.RotateEncryptionKey(destination, kind);

    /// <summary>Where the fake posts new-submissions callbacks for this destination (null: none).</summary>
    public void SetDestinationCallback(FakeDestination destination, SubmissionCallback? callback) => destination.Callback = callback;

    /// <summary>Lets every token issued so far expire now, to force a refresh in the middle of a flow.</summary>
    public void ExpireAllTokens() => state.Tokens.ExpireAll();

    public SubmissionSnapshot? Submission(string submissionId) => state.Snapshot(submissionId);

    /// <summary>The SETs of a case, oldest first.</summary>
    public IReadOnlyList<string> EventLog(string caseId) => state.EventLog(caseId);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await state.Callbacks.DisposeAsync();
        state.Pki?.Dispose();
    }
}
