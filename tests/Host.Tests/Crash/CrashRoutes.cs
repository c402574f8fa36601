using System.Text;
using System.Text.Json.Nodes;
using EfaGateway.Host.Tests.Api;
using EfaGateway.Host.Tests.FitConnect;
using EfaGateway.Host.Tests.Support;

namespace EfaGateway.Host.Tests.Crash;

/// <summary>
/// The three processes of the demo tenant the crash test submits to, each over another transport, and how the
/// cluster is prepared for them with the host's own verbs and admin API (as an operator would).
/// </summary>
public static class CrashRoutes
{
    public const string FitConnectProcess = GatewaySender.Process;
    public const string XtaProcess = "bauantrag-vereinfacht";
    public const string PostkorbProcess = DemoApplication.Process;

    public const string FitConnectLeika = GatewaySender.Leika;
    public const string FitConnectSchemaUri = GatewaySender.Schema;

    public static readonly string[] Processes = [FitConnectProcess, XtaProcess, PostkorbProcess];

    /// <summary>The schema by the <c>migrate</c> verb and the demo tenant by <c>load-samples</c>, before any host serves.</summary>
    public static async Task PrepareDatabaseAsync(HostCluster cluster)
    {
        await cluster.RunVerbAsync("migrate");
        await cluster.RunVerbAsync("load-samples");
    }

    /// <summary>
    /// The FIT-Connect process added and offered, the FIT-Connect and XTA routes set, through one host's admin API (as an
    /// operator's tooling would; the other hosts read the same database).
    /// </summary>
    public static async Task ConfigureAsync(Uri host, string operatorKey, FlakyRemoteEnds remote, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(host, "api/v1/admin/") };
        admin.DefaultRequestHeaders.Add("X-Api-Key", operatorKey);
        var tenant = $"tenants/{DemoApplication.Tenant}/processes";
        await SendAsync(admin, HttpMethod.Post, "processes", GatewaySender.Definition(), cancellationToken);
        await SendAsync(admin, HttpMethod.Put, $"{tenant}/{FitConnectProcess}", "{}", cancellationToken);
        await SendAsync(admin, HttpMethod.Put, $"{tenant}/{FitConnectProcess}/routes", remote.FitConnectRoute().ToJsonString(), cancellationToken);
        await SendAsync(admin, HttpMethod.Put, $"{tenant}/{XtaProcess}/routes", remote.XtaRoute().ToJsonString(), cancellationToken);
    }

    /// <summary>The request body of an application for <paramref name="process"/>.</summary>
    public static JsonObject Request(string process) => process switch
    {
        XtaProcess => XBauSubmissionTests.Request(),
        // No upload: the FIT-Connect route maps the data alone (fim-json), the Postkorb one renders its PDF.
        _ => DemoApplication.Request(withAttachment: false),
    };

    private static async Task SendAsync(HttpClient admin, HttpMethod method, string path, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await admin.SendAsync(request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
