using System.Net;
using System.Text.RegularExpressions;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Observability;

/// <summary>The operator's page (<c>/betrieb</c>): signed in with an operator key, it lists checks and what is stuck and why.</summary>
public sealed partial class OperatorConsoleTests
{
    [Fact]
    public async Task The_operator_page_lists_each_check_and_a_dead_letter_with_its_reason_but_no_personal_data()
    {
        using var factory = new GatewayFactory(configureServices: services =>
            services.AddKeyedSingleton<ITransport, RefusingTransport>(RefusingTransport.TransportId));
        await ObservabilityHealthTests.EnableRoutesAsync(factory, new RouteDefinition { TransportId = RefusingTransport.TransportId, MapperIds = ["canonical-xml"] });
        using (var citizen = factory.CreateClient())
        {
            await DemoApplication.SubmitAsync(citizen, null, ObservabilityHealthTests.TestTenant);
        }

        await factory.DeliverDueAsync();
        using var raw = RawClient(factory);
        var session = await SignInAsync(raw, GatewayFactory.OperatorKey);

        using var page = await GetAsync(raw, "/betrieb", session);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-check=\"database\" data-status=\"Healthy\"", html, StringComparison.Ordinal);
        Assert.Contains("data-check=\"clamd\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-tenant=\"{ObservabilityHealthTests.TestTenant}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"dead_lettered\"", html, StringComparison.Ordinal);
        Assert.Contains("endgültig fehlgeschlagen, ohne Ersatzweg", html, StringComparison.Ordinal);
        Assert.Contains("The back office refused the message (test).", html, StringComparison.Ordinal);
        Assert.All(DemoApplication.Distinctive, value => Assert.DoesNotContain(value, html, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_a_session_the_page_sends_the_browser_to_the_sign_in_form()
    {
        using var factory = new GatewayFactory();
        using var raw = RawClient(factory);

        using var page = await raw.GetAsync("/betrieb");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/betrieb/anmelden", page.Headers.Location?.OriginalString);

        // The operator API key header opens the API, not the page: the page has its own session.
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/betrieb");
        withHeader.Headers.Add("X-Api-Key", GatewayFactory.OperatorKey);
        using var refused = await raw.SendAsync(withHeader);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_german_message_at_the_field_and_no_session()
    {
        using var factory = new GatewayFactory();
        using var raw = RawClient(factory);
        var (antiforgery, token) = await SignInFormAsync(raw);

        using var post = Post("/betrieb/anmelden", antiforgery, new() { ["Key"] = "falsch-" + GatewayFactory.OperatorKey, ["__schutz"] = token });
        using var answer = await raw.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("id=\"f-Key-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Der Betriebsschlüssel ist falsch.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("efagw-operator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_strict_and_scoped_to_the_console_and_signing_out_ends_it()
    {
        using var factory = new GatewayFactory();
        using var raw = RawClient(factory);
        var (antiforgery, token) = await SignInFormAsync(raw);
        using var post = Post("/betrieb/anmelden", antiforgery, new() { ["Key"] = GatewayFactory.OperatorKey, ["__schutz"] = token });
        using var signedIn = await raw.SendAsync(post);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("efagw-operator=", StringComparison.Ordinal));
        Assert.Contains("path=/betrieb", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GatewayFactory.OperatorKey, cookie, StringComparison.Ordinal);
        var session = cookie.Split(';')[0];

        using var page = await GetAsync(raw, "/betrieb", $"{session}; {antiforgery}");
        var signOutToken = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signOut = Post("/betrieb/abmelden", $"{session}; {antiforgery}", new() { ["__schutz"] = signOutToken });
        using var signedOut = await raw.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("efagw-operator=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_of_a_key_removed_from_the_configuration_ends_when_the_host_restarts()
    {
        string session, dataDirectory;
        using (var before = new GatewayFactory())
        {
            using var raw = RawClient(before);
            session = await SignInAsync(raw, GatewayFactory.OperatorKey);
            dataDirectory = before.DataDirectory;
            using var page = await GetAsync(raw, "/betrieb", session);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // Same data directory (same cookie keys), but the key the session was opened with is gone.
        using var after = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Gateway:DataDirectory"] = dataDirectory,
            ["Gateway:Api:OperatorKeys:0"] = "another-operator-key-0123456789abcdefghijklmnop",
        });
        using var rawAfter = RawClient(after);

        using var refused = await GetAsync(rawAfter, "/betrieb", session);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/betrieb/anmelden", refused.Headers.Location?.OriginalString);
    }

    private static HttpClient RawClient(GatewayFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    internal static async Task<string> SignInAsync(HttpClient raw, string key)
    {
        var (antiforgery, token) = await SignInFormAsync(raw);
        using var post = Post("/betrieb/anmelden", antiforgery, new() { ["Key"] = key, ["__schutz"] = token });
        using var signedIn = await raw.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/betrieb", signedIn.Headers.Location?.OriginalString);
        return Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("efagw-operator=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<(string Cookie, string Token)> SignInFormAsync(HttpClient raw)
    {
        using var form = await raw.GetAsync("/betrieb/anmelden");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var cookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookie, AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
    }

    private static HttpRequestMessage Post(string path, string cookie, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    internal static Task<HttpResponseMessage> GetAsync(HttpClient raw, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return raw.SendAsync(request);
    }

    [GeneratedRegex("name=\"__schutz\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
