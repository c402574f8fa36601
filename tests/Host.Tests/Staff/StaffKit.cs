using System.Security.Cryptography;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Tenants;
using EfaGateway.Host.Staff;
using EfaGateway.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Staff;

/// <summary>Staff test helpers: a host with generous rate limits, invitations through the real service, sign-in through the real pages.</summary>
internal static class StaffKit
{
    public const string Tenant = DemoApplication.Tenant;
    public const string Process = DemoApplication.Process;
    public const string OtherTenant = "regenbach-im-tal";
    public const string GoodPassword = "Kirschblüte-Dezember-42";

    public static GatewayFactory CreateFactory() => new(new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:PinPerMinute"] = "10000",
        ["Gateway:PublicBaseUrl"] = "http://localhost",
    });

    public static HttpClient Browser(GatewayFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

    public static async Task AddOtherTenantAsync(GatewayFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogStore>();
        if (await catalog.FindTenantAsync(OtherTenant, CancellationToken.None) is null)
        {
            await catalog.AddTenantAsync(new Tenant(OtherTenant, "Regenbach im Tal", factory.Time.GetUtcNow()), CancellationToken.None);
        }
    }

    public static async Task<StaffInvitation> InviteAsync(GatewayFactory factory, string login, string[]? processes = null, bool admin = false, string tenant = Tenant)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<StaffAdministration>();
        return await administration.InviteAsync(tenant, new NewStaffMember(login, "Wiebke", "Quastenflosser", $"{login}@example.org", admin, processes ?? [Process]),
            "operator", null, CancellationToken.None);
    }

    public static async Task<T> WithAdministrationAsync<T>(GatewayFactory factory, Func<StaffAdministration, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StaffAdministration>());
    }

    public static async Task<HtmlPage> SetPasswordAsync(HttpClient client, Uri link, string password)
    {
        var page = await HtmlPage.OpenAsync(client, link.PathAndQuery);
        return await page.SubmitAsync(new Dictionary<string, string> { ["NewPassword"] = password, ["Repeat"] = password });
    }

    /// <summary>Invites and sets the password: a ready account.</summary>
    public static async Task<StaffInvitation> AccountAsync(GatewayFactory factory, string login, string[]? processes = null, bool admin = false, string tenant = Tenant)
    {
        var invitation = await InviteAsync(factory, login, processes, admin, tenant);
        var done = await SetPasswordAsync(Browser(factory), invitation.Link, GoodPassword);
        Assert.NotNull(done.Document.QuerySelector("#gesetzt"));
        return invitation;
    }

    public static async Task<HtmlPage> SignInAsync(HttpClient client, string login, string password, string tenant = Tenant)
    {
        var page = await HtmlPage.OpenAsync(client, $"/{tenant}/postkorb");
        return await page.SubmitAsync(new Dictionary<string, string> { ["UserId"] = login, ["Password"] = password });
    }

    /// <summary>Signs in through the real form without a cookie jar and returns the staff session cookie as a Cookie header.</summary>
    public static async Task<string> SignedInCookieAsync(GatewayFactory factory, string login, string tenant = Tenant)
    {
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await raw.GetAsync($"/{tenant}/postkorb");
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__schutz\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/{tenant}/postkorb")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserId"] = login, ["Password"] = GoodPassword, ["__schutz"] = token }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await raw.SendAsync(post);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("efagw-staff", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
    }

    public static bool ShowsSignInForm(HtmlPage page) => page.Document.QuerySelector("input[name=Password]") is not null && page.Document.QuerySelector("#verfahren, #keine-verfahren") is null;

    /// <summary>RFC 6238 (SHA-1, 30 s, 6 digits) as an authenticator app computes it, on the real clock (as Identity checks it).</summary>
    public static string TotpCode(string base32Key)
    {
        var key = Base32(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(System.Net.IPAddress.HostToNetworkOrder(step));
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this computes what the app would show.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
