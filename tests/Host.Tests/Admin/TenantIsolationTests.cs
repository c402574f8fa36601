using System.Net;
using System.Text.RegularExpressions;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Staff;
using EfaGateway.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Admin;

/// <summary>
/// Every HTTP endpoint the host has (read from its routing, so a new one is covered the day it is added) is called by
/// the strongest user of tenant A — a signed-in staff administrator with every process — on the ids of tenant B, and by
/// an operator on tenant A's paths with tenant B's ids. Whatever is not public by design is refused, no response body
/// or header carries anything of tenant B, and tenant B's data is unchanged afterwards.
/// </summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private const string A = StaffKit.Tenant;
    private const string B = StaffKit.OtherTenant;
    private const string BApplicantName = "Brombeerstrauch-Isolationsprobe";
    private readonly GatewayFactory factory = StaffKit.CreateFactory();
    private readonly Dictionary<string, string> bIds = new(StringComparer.Ordinal);
    private readonly List<string> markers = [BApplicantName, "b.personal@example.org", "Isolationsprobe-Bearbeiterin"];
    private string aStaffCookie = string.Empty;

    public async ValueTask InitializeAsync()
    {
        await StaffKit.AddOtherTenantAsync(factory);
        using var operatorClient = factory.CreateOperatorClient();
        (await operatorClient.PutAsync($"/api/v1/admin/tenants/{B}/processes/{StaffKit.Process}", JsonBody("{}"), CancellationToken.None)).EnsureSuccessStatusCode();
        using var citizen = factory.CreateClient();
        var data = DemoApplication.Data();
        data["familienname"] = BApplicantName;
        var submission = await DemoApplication.SubmitAsync(citizen, DemoApplication.Request(data), B);
        await factory.DeliverDueAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var item = (await scope.ServiceProvider.GetRequiredService<Transports.Postkorb.PostkorbInbox>().ListAsync(B, null, CancellationToken.None)).Single();
        var delivery = (await scope.ServiceProvider.GetRequiredService<IDeliveryStore>().ListForSubmissionAsync(submission.Id, CancellationToken.None)).Single();
        var draft = new Draft(Guid.CreateVersion7(), B, StaffKit.Process, "1.0.0", "{}", "pin-hash", factory.Time.GetUtcNow());
        await scope.ServiceProvider.GetRequiredService<IDraftStore>().AddAsync(draft, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Host.Staff.StaffAdministration>().InviteAsync(B,
            new Host.Staff.NewStaffMember("b-bearbeiterin", "Berta", "Isolationsprobe-Bearbeiterin", "b.personal@example.org", false, [StaffKit.Process]),
            "test", null, CancellationToken.None);
        bIds["id:postkorb"] = item.Id.ToString();
        bIds["id:submissions"] = submission.Id.ToString();
        bIds["id:deliveries"] = delivery.Id.ToString();
        bIds["deliveryId"] = delivery.Id.ToString();
        bIds["draft"] = draft.Id.ToString();
        bIds["login"] = "b-bearbeiterin";
        markers.Add(submission.Vorgangsnummer); // last: see CheckAsync
        await StaffKit.AccountAsync(factory, "a-chefin", [StaffKit.Process, "bauantrag-vereinfacht"], admin: true);
        aStaffCookie = await StaffKit.SignedInCookieAsync(factory, "a-chefin");
    }

    public ValueTask DisposeAsync()
    {
        factory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_endpoint_refuses_tenant_As_users_on_tenant_Bs_ids_and_leaks_nothing_of_B()
    {
        var before = await StateOfBAsync();
        var calls = 0;
        var failures = new List<string>();
        foreach (var (method, pattern) in Endpoints())
        {
            // 1: the staff administrator of A, on B's paths and ids (no operator key: staff never reach the operator API).
            foreach (var onB in Urls(pattern, tenant: B))
            {
                failures.AddRange(await CheckAsync(method, pattern, onB, cookie: aStaffCookie, operatorKey: false));
                calls++;
            }

            // 2: an operator on A's paths with B's ids: an id of B must not resolve under A.
            if (pattern.Contains("{tenant", StringComparison.Ordinal) && TenantScopedIds.Any(p => pattern.Contains("{" + p, StringComparison.Ordinal)))
            {
                foreach (var onA in Urls(pattern, tenant: A))
                {
                    failures.AddRange(await CheckAsync(method, pattern, onA, cookie: null, operatorKey: true));
                    calls++;
                }
            }
        }

        Assert.True(calls > 60, $"Only {calls} calls: the endpoint enumeration missed routes.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StateOfBAsync());
    }

    private static readonly string[] TenantScopedIds = ["id", "deliveryId", "draft", "login", "index"];

    private static readonly string[] DownloadKinds = ["datei", "zip", "xdomea"];

    /// <summary>
    /// Public by design: the citizen side of any tenant (forms, statements, the PIN form of a draft, submitting, a
    /// submission's status by its id), error pages, and the empty forms of signing in (password, code, set-password link,
    /// the operator console's key).
    /// </summary>
    private static bool IsPublic(string method, string pattern) =>
        pattern.StartsWith("fehler/", StringComparison.Ordinal)
        || (!pattern.Contains("postkorb", StringComparison.Ordinal) && !pattern.StartsWith("api/", StringComparison.Ordinal) && pattern.StartsWith("{tenant", StringComparison.Ordinal))
        || pattern == "api/v1/tenants/{tenant}/processes/{process}/submissions"
        || (method == "GET" && pattern == "api/v1/tenants/{tenant}/submissions/{id:guid}")
        || (method == "GET" && pattern is "{tenant:slug}/postkorb" or "{tenant:slug}/postkorb/passwort-setzen" or "{tenant:slug}/postkorb/anmelden/code"
            or "betrieb/anmelden");

    private async Task<IEnumerable<string>> CheckAsync(string method, string pattern, string url, string? cookie, bool operatorKey)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonBody("{\"routes\":[{\"transport\":\"postkorb\",\"mappers\":[\"pdf\"]}],\"isAdministrator\":true,\"login\":\"x1\"}");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (operatorKey)
        {
            request.Headers.Add("X-Api-Key", GatewayFactory.OperatorKey);
        }

        using var response = await client.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        var problems = new List<string>();
        var who = operatorKey ? "operator on A with B's ids" : "A's staff on B";
        var publicHere = IsPublic(method, pattern);
        var signInForm = body.Contains("name=\"Password\"", StringComparison.Ordinal) && !body.Contains("id=\"verfahren\"", StringComparison.Ordinal);
        if (response.IsSuccessStatusCode && !publicHere && !signInForm)
        {
            problems.Add($"{method} {url} ({who}): {(int)response.StatusCode}, not refused.");
        }

        // Whoever holds a submission's id may read its status with the Vorgangsnummer (the citizen does): only under B's own path.
        var mayShowVorgangsnummer = publicHere && !operatorKey;
        foreach (var marker in markers.Where(m => (body + headers).Contains(m, StringComparison.Ordinal) && !(mayShowVorgangsnummer && m == markers[^1])))
        {
            problems.Add($"{method} {url} ({who}): the response carries B's '{marker}'.");
        }

        return problems;
    }

    /// <summary>Every route of the host (API, pages, callbacks) with each HTTP method it answers.</summary>
    private IEnumerable<(string Method, string Pattern)> Endpoints()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (pattern.Length == 0 || pattern.StartsWith("health", StringComparison.Ordinal) || pattern.StartsWith("openapi", StringComparison.Ordinal)
                || pattern.StartsWith("assets", StringComparison.Ordinal) || pattern.StartsWith("kern", StringComparison.Ordinal))
            {
                continue; // the same for every tenant and with no tenant data: no isolation to test
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Distinct(StringComparer.Ordinal))
            {
                yield return (method, pattern);
            }
        }
    }

    /// <summary>The pattern filled with B's ids, once per kind of download where a route serves several.</summary>
    private IEnumerable<string> Urls(string pattern, string tenant) =>
        pattern.Contains("postkorb/eintrag", StringComparison.Ordinal) && pattern.Contains("{kind}", StringComparison.Ordinal)
            ? DownloadKinds.Select(kind => Url(pattern, tenant, kind))
            : [Url(pattern, tenant, "datenschutz")];

    /// <summary>The pattern filled with B's ids; an unknown parameter fails the test so a new route gets a value here first.</summary>
    private string Url(string pattern, string tenant, string kind)
    {
        var url = Regex.Replace(pattern, @"\{(\*?)(\w+)(:[^}]*)?(\?)?\}", match =>
        {
            var name = match.Groups[2].Value;
            return name switch
            {
                "tenant" => tenant,
                "process" => StaffKit.Process,
                "id" => pattern.Contains("postkorb", StringComparison.Ordinal) ? bIds["id:postkorb"]
                    : pattern.Contains("submissions", StringComparison.Ordinal) ? bIds["id:submissions"] : bIds["id:deliveries"],
                "index" => "0",
                "step" => "1",
                "code" => "404",
                "handler" => string.Empty,
                "kind" => kind,
                "nr" => kind == "datei" ? "0" : string.Empty,
                "deliveryId" or "draft" or "login" => bIds[name],
                _ => throw new InvalidOperationException($"The isolation test has no value for route parameter '{name}' in '{pattern}': add one."),
            };
        });
        var query = pattern.StartsWith("api/v1/admin/tenants/{tenant}", StringComparison.Ordinal) ? $"?confirm={tenant}&force=true&page=1" : string.Empty;
        return "/" + url.TrimEnd('/') + query;
    }

    /// <summary>B's data as one comparable text: tenant, item with its fetch mark, deliveries, staff, audit lines.</summary>
    private async Task<string> StateOfBAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenant = await services.GetRequiredService<ICatalogStore>().FindTenantAsync(B, CancellationToken.None);
        var items = await services.GetRequiredService<Transports.Postkorb.PostkorbInbox>().ListAsync(B, null, CancellationToken.None);
        var deliveries = await services.GetRequiredService<ITenantDataStore>().ListDeliveriesAsync(B, new Core.Deliveries.DeliveryListQuery(null, null, null, Core.Deliveries.DeliveryListQuery.MaxLimit), CancellationToken.None);
        var staff = await services.GetRequiredService<Host.Staff.StaffAdministration>().ListAsync(B, CancellationToken.None);
        var audit = await services.GetRequiredService<IAuditLog>().ReadAsync(B, 1, 500, CancellationToken.None);
        var processes = await services.GetRequiredService<ICatalogStore>().ListTenantProcessesAsync(B, CancellationToken.None);
        return string.Join("\n", [
            $"{tenant?.Name} {tenant?.ClosedAt} {tenant?.LogoMediaType}",
            .. items.Select(i => $"{i.Id} {i.FirstFetchedAt} {i.FirstFetchedBy}"),
            .. deliveries.Select(d => $"{d.Id} {d.State} {d.AttemptCount} {d.NextAttemptAt}"),
            .. staff.Select(s => $"{s.Login} {s.IsActive} {s.IsAdministrator} {string.Join(",", s.ProcessIds)} {s.HasPassword}"),
            .. processes.Select(p => $"{p.Process.Id} {p.Process.Version} {string.Join(",", p.Routes.Select(r => r.TransportId))}"),
            $"audit {audit.TotalCount}",
        ]);
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
