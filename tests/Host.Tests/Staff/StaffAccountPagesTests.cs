using System.Net;
using Microsoft.Extensions.DependencyInjection;
using EfaGateway.Host.Tests.Support;
using static EfaGateway.Host.Tests.Staff.StaffKit;

namespace EfaGateway.Host.Tests.Staff;

/// <summary>Password change (minimum age, history), the second factor at sign-in, and the audit log page for administrators only.</summary>
public sealed class StaffAccountPagesTests : IDisposable
{
    private readonly GatewayFactory factory = CreateFactory();

    [Fact]
    public async Task A_password_change_waits_a_day_and_never_takes_back_the_current_password()
    {
        await AccountAsync(factory, "wechsel");
        var client = Browser(factory);
        await SignInAsync(client, "wechsel", GoodPassword);
        var form = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/passwort");
        var tooSoon = await form.SubmitAsync(new Dictionary<string, string> { ["Current"] = GoodPassword, ["NewPassword"] = "Neues-Passwort-2027", ["Repeat"] = "Neues-Passwort-2027" });
        Assert.Contains("Sie können Ihr Passwort höchstens einmal am Tag ändern. Bitte versuchen Sie es morgen wieder.", tooSoon.ErrorSummary);

        factory.Time.Advance(TimeSpan.FromDays(1));
        var again = await (await SignInAsync(client, "wechsel", GoodPassword)).FollowAsync("Passwort ändern"); // the idle session ended meanwhile
        var reused = await again.SubmitAsync(new Dictionary<string, string> { ["Current"] = GoodPassword, ["NewPassword"] = GoodPassword, ["Repeat"] = GoodPassword });
        Assert.Contains("Sie haben dieses Passwort bereits verwendet. Wählen Sie eines, das nicht unter Ihren letzten 6 Passwörtern ist.", reused.ErrorSummary);
        var changed = await reused.SubmitAsync(new Dictionary<string, string> { ["Current"] = GoodPassword, ["NewPassword"] = "Neues-Passwort-2027", ["Repeat"] = "Neues-Passwort-2027" });
        Assert.NotNull(changed.Document.QuerySelector("#geaendert"));
        Assert.NotNull((await SignInAsync(Browser(factory), "wechsel", "Neues-Passwort-2027")).Document.QuerySelector("#verfahren"));
    }

    [Fact]
    public async Task With_a_second_factor_the_sign_in_asks_for_the_code_and_refuses_a_wrong_one()
    {
        await AccountAsync(factory, "totp");
        var client = Browser(factory);
        await SignInAsync(client, "totp", GoodPassword);
        var setup = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/zweiter-faktor");
        var key = setup.Document.QuerySelector("#schluessel")!.TextContent;
        var enabled = await setup.SubmitAsync(new Dictionary<string, string> { ["Code"] = TotpCode(key) });
        Assert.NotNull(enabled.Document.QuerySelector("#eingeschaltet"));

        var second = Browser(factory);
        var codePage = await SignInAsync(second, "totp", GoodPassword);
        Assert.Equal($"/{Tenant}/postkorb/anmelden/code", codePage.Path);
        var wrong = await codePage.SubmitAsync(new Dictionary<string, string> { ["Code"] = "000000" == TotpCode(key) ? "111111" : "000000" });
        Assert.Equal(["Der Code ist falsch oder abgelaufen."], wrong.ErrorSummary);
        var landing = await wrong.SubmitAsync(new Dictionary<string, string> { ["Code"] = TotpCode(key) });
        Assert.NotNull(landing.Document.QuerySelector("#verfahren"));
    }

    [Fact]
    public async Task None_of_the_last_6_passwords_comes_back_but_the_7th_may()
    {
        await AccountAsync(factory, "verlauf"); // password 0: GoodPassword
        string[] passwords = [GoodPassword, .. Enumerable.Range(1, 6).Select(i => $"Sonnenblume-Oktober-{i}{i}!")];
        for (var i = 1; i <= 6; i++)
        {
            factory.Time.Advance(TimeSpan.FromDays(1));
            Assert.True((await ChangeAsync("verlauf", passwords[i - 1], passwords[i])).Succeeded, $"change {i}");
        }

        factory.Time.Advance(TimeSpan.FromDays(1));
        var refused = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            var result = await ChangeAsync("verlauf", passwords[6], passwords[i]);
            refused.AddRange(result.Errors.Select(e => $"{i}: {e.Code}"));
        }

        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"{i}: {EfaGateway.Host.Staff.PasswordRules.Reused}"), refused);
        Assert.True((await ChangeAsync("verlauf", passwords[6], passwords[0])).Succeeded, "the 7th password back may be used again");
    }

    private async Task<Microsoft.AspNetCore.Identity.IdentityResult> ChangeAsync(string login, string current, string replacement)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<EfaGateway.Persistence.Staff.StaffUser>>();
        var user = await users.FindByNameAsync(EfaGateway.Persistence.Staff.StaffUser.ComposeUserName(Tenant, login));
        return await users.ChangePasswordAsync(user!, current, replacement); // the page's path without its HTTP session
    }

    [Fact]
    public async Task Opening_the_second_factor_page_keeps_the_session_although_a_new_key_renews_the_security_stamp()
    {
        await AccountAsync(factory, "neugierig");
        var client = Browser(factory);
        await SignInAsync(client, "neugierig", GoodPassword);

        factory.Time.Advance(TimeSpan.FromSeconds(1)); // the stamp is checked on requests after the cookie was issued
        var setup = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb/zweiter-faktor");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var landing = await HtmlPage.OpenAsync(client, $"/{Tenant}/postkorb");

        Assert.NotNull(setup.Document.QuerySelector("form[action$='zweiter-faktor/enable']"));
        Assert.NotNull(landing.Document.QuerySelector("#verfahren"));
    }

    [Fact]
    public async Task Only_an_administrator_of_the_tenant_reads_its_audit_log()
    {
        await AccountAsync(factory, "chefin", admin: true);
        await AccountAsync(factory, "kollege");
        var admin = Browser(factory);
        await SignInAsync(admin, "chefin", GoodPassword);
        var log = await HtmlPage.OpenAsync(admin, $"/{Tenant}/postkorb/verwaltung/protokoll");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        Assert.Contains("staff.sign-in", log.Document.QuerySelector("#protokoll")!.TextContent, StringComparison.Ordinal);

        var member = Browser(factory);
        await SignInAsync(member, "kollege", GoodPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/{Tenant}/postkorb/verwaltung/protokoll")).StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
