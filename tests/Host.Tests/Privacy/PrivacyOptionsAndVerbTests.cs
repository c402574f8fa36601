using EfaGateway.Host.Privacy;
using EfaGateway.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using UglyToad.PdfPig;

namespace EfaGateway.Host.Tests.Privacy;

/// <summary><c>Gateway:Privacy</c> is checked at start with every problem named; the <c>privacy</c> verb writes both documents.</summary>
public sealed class PrivacyOptionsAndVerbTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-privacy-").FullName;

    [Fact]
    public void The_validator_names_every_problem_at_once()
    {
        var options = new PrivacyOptions
        {
            Operator = new PrivacyParty { Name = "  " },
            MailRelay = new PrivacyParty { Name = "Relay\u0007" },
            Tenants =
            {
                ["Nicht Gueltig"] = new TenantPrivacySettings(),
                ["schoenwetter-am-berg"] = new TenantPrivacySettings
                {
                    Controller = new PrivacyParty { Name = "Gemeinde", Address = "Marktplatz 1\n99999 Ort", Contact = new string('x', 2001) },
                    Processes = { ["hundesteuer-anmeldung"] = new ProcessPrivacySettings { LegalBasis = "" } },
                },
            },
        };

        var result = new PrivacyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Gateway:Privacy:Operator:Name is blank", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Privacy:MailRelay:Name contains control characters", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Privacy:Tenants:Nicht Gueltig: 'Nicht Gueltig' is not a tenant id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Privacy:Tenants:schoenwetter-am-berg:Controller:Contact is longer", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Privacy:Tenants:schoenwetter-am-berg:Processes:hundesteuer-anmeldung:LegalBasis is blank", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_with_line_breaks_in_addresses_pass() =>
        Assert.True(new PrivacyOptionsValidator().Validate(null, new PrivacyOptions
        {
            Operator = new PrivacyParty { Name = "Kommunale IT", Address = "Straße 1\r\n12345 Stadt", Contact = "datenschutz@example.de" },
        }).Succeeded);

    [Fact]
    public async Task Bad_privacy_settings_stop_the_host_at_start_naming_every_problem()
    {
        var result = await RunAsync("migrate", "--Gateway:Privacy:Tenants:NICHT_OK:Controller:Name=X", "--Gateway:Privacy:Operator:Name= ");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Gateway:Privacy:Tenants:NICHT_OK: 'NICHT_OK' is not a tenant id", result.Output, StringComparison.Ordinal);
        Assert.Contains("Gateway:Privacy:Operator:Name is blank", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_verb_writes_html_and_pdf_and_refuses_unknown_processes_and_wrong_usage()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);
        var html = Path.Combine(dataDirectory, "datenschutz.html");
        var pdf = Path.Combine(dataDirectory, "datenschutz.pdf");

        var writeHtml = await RunAsync("privacy", DemoApplication.Tenant, DemoApplication.Process, html);
        var writePdf = await RunAsync("privacy", DemoApplication.Tenant, DemoApplication.Process, pdf);
        var unknown = await RunAsync("privacy", DemoApplication.Tenant, "gibt-es-nicht", html + ".neu.html");
        var wrongExtension = await RunAsync("privacy", DemoApplication.Tenant, DemoApplication.Process, Path.Combine(dataDirectory, "x.docx"));

        Assert.True(writeHtml.ExitCode == 0, writeHtml.Output);
        Assert.True(writePdf.ExitCode == 0, writePdf.Output);
        Assert.Contains("Transpondernummer (Chip)", await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using (var document = PdfDocument.Open(await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken)))
        {
            Assert.Contains("Transpondernummer", string.Concat(document.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        }

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("is not enabled for tenant", unknown.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(html + ".neu.html"));
        Assert.Equal(2, wrongExtension.ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the finishing host; the OS temp cleaner takes it.
        }
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => HostProcess.RunAsync(dataDirectory, args);
}
