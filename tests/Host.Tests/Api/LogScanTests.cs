using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EfaGateway.Host.Tests.Staff;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Api;

/// <summary>
/// Issue 7's log rule over the citizen, staff and operator paths in one host: every distinctive value that passes
/// through — form values, the draft's PIN and e-mail, staff names, passwords (right and wrong), the invitation token,
/// route secrets, the operator key — is looked for in every log line, and none is found.
/// </summary>
public sealed partial class LogScanTests : IDisposable
{
    private const string Start = $"/{DemoApplication.Tenant}/{DemoApplication.Process}";
    private const string ClientSecret = "Geheimnis-des-Zustelldienstes-4711";
    private const string WrongPassword = "Falsches-Kennwort-Tulpe-99";
    private readonly GatewayFactory factory = StaffKit.CreateFactory();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task No_form_value_PIN_password_token_secret_or_key_appears_in_any_log_line()
    {
        var secrets = new List<string>(DemoApplication.Distinctive) { GatewayFactory.OperatorKey, ClientSecret, WrongPassword, StaffKit.GoodPassword };

        // Citizen: an application over the API, and a draft saved with an e-mail address (PIN shown, link mailed).
        using var citizen = factory.CreateClient();
        await DemoApplication.SubmitAsync(citizen);
        var email = $"log-scan-{Guid.NewGuid():N}@example.org";
        var step1 = await (await HtmlPage.OpenAsync(factory.CreateClient(), Start)).SubmitAsync();
        var step2 = await step1.SubmitAsync(new Dictionary<string, string>
        {
            ["vorname"] = DemoApplication.FirstName, ["familienname"] = DemoApplication.FamilyName, ["geburtsdatum"] = "17.03.1984",
            ["strasse"] = DemoApplication.Street, ["hausnummer"] = "7a", ["postleitzahl"] = "99999", ["ort"] = "Schönwetter am Berg",
        });
        var saved = await (await step2.SubmitAsync(action: "speichern")).SubmitAsync(new Dictionary<string, string> { ["Email"] = email });
        secrets.Add(saved.Document.QuerySelector("#pin")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal));
        secrets.Add(email);
        var resume = ResumeLink().Match((await SmtpTestServer.Shared.WaitForAsync(email)).TextBody!).Groups[1].Value;
        secrets.Add(resume);

        // Staff: invited (the token), password set, a wrong and a right sign-in, the application downloaded.
        await factory.DeliverDueAsync();
        var invitation = await StaffKit.AccountAsync(factory, "logscan");
        secrets.Add(invitation.Link.Query.Split("token=")[1]);
        secrets.Add("Quastenflosser"); // the staff member's last name (StaffKit)
        using var staff = StaffKit.Browser(factory);
        await StaffKit.SignInAsync(staff, "logscan", WrongPassword);
        var landing = await StaffKit.SignInAsync(staff, "logscan", StaffKit.GoodPassword);
        Assert.NotNull(landing.Document.QuerySelector("#verfahren"));

        // Operator: a FIT-Connect route with its secret, set and shown through the admin API; a tenant export.
        using var operatorClient = factory.CreateOperatorClient();
        var routes = new JsonObject
        {
            ["routes"] = new JsonArray(new JsonObject
            {
                ["transport"] = "fit-connect", ["mappers"] = new JsonArray("fim-json", "pdf"), ["fallback"] = "postkorb",
                ["settings"] = new JsonObject
                {
                    ["environment"] = "test", ["tokenUrl"] = "https://auth.example.de/token", ["submissionApiUrl"] = "https://zustell.example.de",
                    ["clientId"] = "gateway-client", ["clientSecret"] = ClientSecret, ["destinationId"] = Guid.NewGuid().ToString(),
                    ["leikaKey"] = "99108008000000", ["trustAnchors"] = new JsonArray(RootPem()), ["checkRevocation"] = false,
                },
            }),
        };
        using var set = await operatorClient.PutAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/processes/{DemoApplication.Process}/routes",
            new StringContent(routes.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await operatorClient.GetByteArrayAsync($"/api/v1/admin/tenants/{DemoApplication.Tenant}/export", TestContext.Current.CancellationToken);

        var lines = factory.Logs.Lines.ToList();
        Assert.True(lines.Count > 20, "The scan needs the log of the whole run.");
        var hits = secrets.Where(s => s.Length >= 6).SelectMany(s => lines.Where(l => l.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(l => $"{s}: {l}")).ToList();
        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    private static string RootPem()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Log Scan Root", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        using var root = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
        return root.ExportCertificatePem();
    }

    [GeneratedRegex(@"/fortsetzen/([0-9a-f]{32})")]
    private static partial Regex ResumeLink();
}
