using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace EfaGateway.Conformance.FitConnect.Scenarios;

/// <summary>One step of the sender's conversation with the Zustelldienst, as a request pattern.</summary>
public sealed record FlowStep(string Name, string Method, string PathPattern, bool AnswersJson)
{
    public static readonly FlowStep Token = new("token", "POST", "^/token$", true);
    public static readonly FlowStep Destination = new("destination", "GET", "^/v1/destinations/[^/]+$", true);
    public static readonly FlowStep Key = new("key", "GET", "^/v1/destinations/[^/]+/keys/[^/]+$", true);
    public static readonly FlowStep Announce = new("announce", "POST", "^/v1/submissions$", true);
    public static readonly FlowStep Upload = new("upload", "PUT", "^/v1/submissions/[^/]+/attachments/[^/]+$", false);
    public static readonly FlowStep Submit = new("submit", "PUT", "^/v1/submissions/[^/]+$", true);
    public static readonly FlowStep Events = new("events", "GET", "^/v1/cases/[^/]+/events$", true);
    public static readonly FlowStep ServiceKeys = new("service keys", "GET", "^/\\.well-known/jwks\\.json$", true);

    public static readonly IReadOnlyList<FlowStep> All = [Token, Destination, Key, Announce, Upload, Submit, Events, ServiceKeys];

    public override string ToString() => Name;
}

/// <summary>What goes wrong once at a step.</summary>
public enum Fault
{
    /// <summary>HTTP 503 with Retry-After.</summary>
    ServerError,

    /// <summary>No answer within the sender's request timeout; the request never reaches the Zustelldienst.</summary>
    Timeout,

    /// <summary>The Zustelldienst does the work, but its answer comes too late for the sender's timeout.</summary>
    AnswerLost,

    /// <summary>The connection is dropped without an answer.</summary>
    ConnectionReset,

    /// <summary>The real answer, but late (within any sensible timeout).</summary>
    Slow,

    /// <summary>HTTP 200 with a body that is not what the API returns.</summary>
    MalformedAnswer,
}

/// <summary>
/// WireMock.Net in front of the fake Zustelldienst: by default it forwards everything; a fault armed for a step
/// hits the first matching request only, after which that step is forwarded again (the service "recovers").
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly WireMockServer server;
    private int armed;

    private FaultProxy(WireMockServer server) => this.server = server;

    public Uri Url => new(server.Url! + "/");

    /// <summary>How long a <see cref="Fault.Timeout"/> stalls; senders under test use a shorter request timeout.</summary>
    public static TimeSpan StallFor { get; } = TimeSpan.FromSeconds(6);

    public static FaultProxy Start() => new(WireMockServer.Start(new WireMockServerSettings { StartAdminInterface = false }));

    /// <summary>Forwards everything to <paramref name="target"/> (lowest priority, so armed faults win).</summary>
    public void ForwardTo(Uri target) =>
        server.Given(Request.Create().UsingAnyMethod().WithPath(new RegexMatcher(".*")))
            .AtPriority(1000)
            .RespondWith(Response.Create().WithProxy(target.ToString().TrimEnd('/')));

    /// <summary>The next request of <paramref name="step"/> meets <paramref name="fault"/>; later ones pass.</summary>
    public void Arm(FlowStep step, Fault fault, Uri target)
    {
        var scenario = $"fault-{Interlocked.Increment(ref armed)}";
        var response = Response.Create();
        response = fault switch
        {
            Fault.ServerError => response.WithStatusCode(503).WithHeader("Retry-After", "1")
                .WithHeader("Content-Type", "application/problem+json")
                .WithBody("""{"type":"about:blank","title":"Service Unavailable","status":503}"""),
            Fault.Timeout => response.WithStatusCode(504).WithDelay(StallFor),
            Fault.AnswerLost => response.WithProxy(target.ToString().TrimEnd('/')).WithDelay(StallFor),
            // WireMock.Net's own faults answer 200 (empty or garbled): a connection broken off is made by promising
            // a body (Content-Length) and sending none, which makes the server abort the connection mid-answer.
            Fault.ConnectionReset => response.WithStatusCode(200).WithHeader("Content-Length", "65536"),
            Fault.Slow => response.WithProxy(target.ToString().TrimEnd('/')).WithDelay(TimeSpan.FromMilliseconds(700)),
            Fault.MalformedAnswer => response.WithStatusCode(step.AnswersJson ? 200 : 204).WithHeader("Content-Type", "application/json")
                .WithBody(step.AnswersJson ? "{\"unexpected\": [1, 2" : string.Empty),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
        server.Given(Request.Create().UsingMethod(step.Method).WithPath(new RegexMatcher(step.PathPattern)))
            .AtPriority(1)
            .InScenario(scenario)
            .WillSetStateTo("fired")
            .RespondWith(response);
    }

    /// <summary>Every request of <paramref name="step"/> gets <paramref name="json"/> (HTTP 200) instead of the real answer.</summary>
    public void Answer(FlowStep step, string json) =>
        server.Given(Request.Create().UsingMethod(step.Method).WithPath(new RegexMatcher(step.PathPattern)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(json));

    /// <summary>How many requests of <paramref name="step"/> reached the proxy (whose body contains <paramref name="bodyContains"/>).</summary>
    public int Count(FlowStep step, string? bodyContains = null) => server.LogEntries.Count(e =>
        string.Equals(e.RequestMessage?.Method, step.Method, StringComparison.OrdinalIgnoreCase)
        && System.Text.RegularExpressions.Regex.IsMatch(e.RequestMessage?.Path ?? string.Empty, step.PathPattern)
        && (bodyContains is null || (e.RequestMessage?.Body ?? string.Empty).Contains(bodyContains, StringComparison.Ordinal)));

    public void Dispose() => server.Stop();
}
