using System.Net;
using EfaGateway.Core.Audit;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static EfaGateway.Host.Tests.Staff.StaffKit;

namespace EfaGateway.Host.Tests.Staff;

/// <summary>Staff sign-in at /{tenant}/postkorb through the real pages: invitation, sign-in, refusals, lockout, sessions, tenants.</summary>
public sealed class StaffSignInTests : IDisposable
{
    private readonly GatewayFactory factory = CreateFactory();

    [Fact]
    public async Task An_invited_member_sets_a_password_from_the_mailed_link_signs_in_and_sees_only_granted_processes()
    {
        var invitation = await InviteAsync(factory, "wquast");
        Assert.True(invitation.Mailed);
        var mail = await SmtpTestServer.Shared.WaitForAsync("wquast@example.org");
        Assert.Contains(invitation.Link.ToString(), mail.TextBody, StringComparison.Ordinal);
        await InviteAsync(factory, "ohnerechte", processes: []);

        var client = Browser(factory);
        Assert.True(ShowsSignInForm(await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb")));
        Assert.NotNull((await SetPasswordAsync(client, invitation.Link, GoodPassword)).Document.QuerySelector("#gesetzt"));

        var landing = await SignInAsync(client, "wquast", GoodPassword);
        Assert.Equal($"/{Tenant}/postkorb", landing.Path);
        Assert.Equal([Process], landing.Document.QuerySelectorAll("#verfahren li").Select(li => li.GetAttribute("data-process")));

        var noRights = await AccountAndSignInAsync("ohnerechte");
        Assert.NotNull(noRights.Document.QuerySelector("#keine-verfahren"));
        Assert.Empty(noRights.Document.QuerySelectorAll("#verfahren li"));
    }

    [Fact]
    public async Task An_invitation_link_works_once_and_not_after_72_hours()
    {
        var first = await InviteAsync(factory, "einmal");
        Assert.NotNull((await SetPasswordAsync(Browser(factory), first.Link, GoodPassword)).Document.QuerySelector("#gesetzt"));
        var again = await HtmlPage.OpenAsync(Browser(factory), first.Link.PathAndQuery);
        Assert.NotNull(again.Document.QuerySelector("#link-ungueltig"));

        var late = await InviteAsync(factory, "spaet");
        factory.Time.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        var expired = await HtmlPage.OpenAsync(Browser(factory), late.Link.PathAndQuery);
        Assert.NotNull(expired.Document.QuerySelector("#link-ungueltig"));

        var tampered = await HtmlPage.OpenAsync(Browser(factory), $"/{Tenant}/postkorb/passwort-setzen?token=abc");
        Assert.NotNull(tampered.Document.QuerySelector("#link-ungueltig"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_audited_without_the_password()
    {
        await AccountAsync(factory, "falsch");
        var page = await SignInAsync(Browser(factory), "falsch", "Geheimnis-Falsch-1");
        Assert.True(ShowsSignInForm(page));
        Assert.Equal(["Benutzerkennung oder Passwort ist falsch, oder das Konto ist nicht aktiv."], page.ErrorSummary);

        var log = await AuditAsync();
        var line = Assert.Single(log, l => l.Action == AuditActions.SignInFailed);
        Assert.Equal("falsch", line.Actor);
        Assert.DoesNotContain(log, l => (l.Details ?? string.Empty).Contains("Geheimnis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_15_minutes_even_for_the_right_password()
    {
        await AccountAsync(factory, "gesperrt");
        var client = Browser(factory);
        HtmlPage page = null!;
        for (var i = 0; i < 5; i++)
        {
            page = await SignInAsync(client, "gesperrt", $"Falsch-Passwort-{i}");
        }

        Assert.Equal(["Zu viele fehlgeschlagene Anmeldungen. Das Konto ist für 15 Minuten gesperrt."], page.ErrorSummary);
        Assert.True(ShowsSignInForm(await SignInAsync(client, "gesperrt", GoodPassword)));
        Assert.Contains(await AuditAsync(), l => l.Action == AuditActions.LockedOut && l.Target == "gesperrt");

        factory.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull((await SignInAsync(client, "gesperrt", GoodPassword)).Document.QuerySelector("#verfahren"));
    }

    [Fact]
    public async Task A_deactivated_member_cannot_sign_in_and_an_open_session_ends_at_the_next_request()
    {
        await AccountAsync(factory, "geht");
        var client = Browser(factory);
        Assert.NotNull((await SignInAsync(client, "geht", GoodPassword)).Document.QuerySelector("#verfahren"));

        await WithAdministrationAsync(factory, async admin => { await admin.DeactivateAsync(Tenant, "geht", "operator", CancellationToken.None); return 0; });

        // The next request comes a moment later (the stamp is checked whenever any time has passed since the cookie was issued).
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(ShowsSignInForm(await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb")));
        var password = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/passwort");
        Assert.True(ShowsSignInForm(password));
        Assert.True(ShowsSignInForm(await SignInAsync(Browser(factory), "geht", GoodPassword)));
        Assert.Contains(await AuditAsync(), l => l.Action == AuditActions.SignInRefused);

        await WithAdministrationAsync(factory, async admin => { await admin.ReactivateAsync(Tenant, "geht", "operator", CancellationToken.None); return 0; });
        Assert.NotNull((await SignInAsync(Browser(factory), "geht", GoodPassword)).Document.QuerySelector("#verfahren"));
    }

    [Fact]
    public async Task A_member_of_tenant_A_is_refused_on_tenant_Bs_postkorb()
    {
        await AddOtherTenantAsync(factory);
        await AccountAsync(factory, "mandanta");
        var client = Browser(factory);
        Assert.NotNull((await SignInAsync(client, "mandanta", GoodPassword)).Document.QuerySelector("#verfahren"));

        // A's credentials on B's sign-in form: unknown there.
        Assert.True(ShowsSignInForm(await SignInAsync(Browser(factory), "mandanta", GoodPassword, OtherTenant)));

        // A's session cookie presented to B's pages (a browser would not even send it: its path is A's Postkorb).
        var stolen = await SignedInCookieAsync(factory, "mandanta");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{OtherTenant}/postkorb/passwort");
        request.Headers.Add("Cookie", stolen);
        using var raw = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var refused = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var landing = new HttpRequestMessage(HttpMethod.Get, $"/{OtherTenant}/postkorb");
        landing.Headers.Add("Cookie", stolen);
        var page = await (await raw.SendAsync(landing)).Content.ReadAsStringAsync();
        Assert.Contains("name=\"Password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Process, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_30_minutes_without_a_request()
    {
        await AccountAsync(factory, "muede");
        var client = Browser(factory);
        Assert.NotNull((await SignInAsync(client, "muede", GoodPassword)).Document.QuerySelector("#verfahren"));
        factory.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull((await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb")).Document.QuerySelector("#verfahren"));
        factory.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(ShowsSignInForm(await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb")));
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_is_audited()
    {
        await AccountAsync(factory, "tschuess");
        var client = Browser(factory);
        var landing = await SignInAsync(client, "tschuess", GoodPassword);
        var after = await landing.SubmitAsync(action: "abmelden");
        Assert.True(ShowsSignInForm(after));
        Assert.True(ShowsSignInForm(await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb")));
        Assert.Contains(await AuditAsync(), l => l.Action == AuditActions.SignOut && l.Actor == "tschuess");
    }

    public void Dispose() => factory.Dispose();

    private async Task<HtmlPage> AccountAndSignInAsync(string login)
    {
        var invitation = await InviteAsync(factory, login + "x", processes: []);
        var client = Browser(factory);
        await SetPasswordAsync(client, invitation.Link, GoodPassword);
        return await SignInAsync(client, login + "x", GoodPassword);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().ReadAsync(Tenant, 1, 500, CancellationToken.None)).Entries;
    }
}
