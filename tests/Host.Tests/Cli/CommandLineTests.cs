using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Host.Tests.Cli;

/// <summary>The host binary as a command-line tool, run as a real process.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("efagw-cli-").FullName;

    [Fact]
    public async Task Migrate_creates_the_database_and_a_second_run_finds_it_up_to_date()
    {
        var first = await RunAsync("migrate");
        var second = await RunAsync("migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "efagateway.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_samples_then_retention_run_against_the_same_database()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var load = await RunAsync("load-samples");
        var retention = await RunAsync("retention");

        Assert.Equal(0, load.ExitCode);
        Assert.Contains("1 tenant(s)", load.Output, StringComparison.Ordinal);
        Assert.Equal(0, retention.ExitCode);
        Assert.Contains("purged 0 submission(s)", retention.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_xdf_prints_the_report_stores_the_process_and_a_second_run_finds_it_unchanged()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);

        var first = await RunAsync("import-xdf", FimSample("xdf3", "S00000000371_1.0.0_xdf3.xml"), "--tenant", "schoenwetter-am-berg");
        var second = await RunAsync("import-xdf", FimSample("xdf3", "S00000000371_1.0.0_xdf3.xml"), "--tenant", "schoenwetter-am-berg");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Schema S00000000371 1.0.0 (XDatenfelder 3.0.0)", first.Output, StringComparison.Ordinal);
        Assert.Contains("Rules translated: 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("Stored process s00000000371 1.0.0 and enabled it for tenant schoenwetter-am-berg", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("was already stored unchanged", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_xdf_refuses_a_schema_with_missing_code_lists_unless_told_to_use_free_text()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);
        var file = FimSample("xdf3", "S05000001299_1.0.0_xdf3.xml");

        var strict = await RunAsync("import-xdf", file, "--tenant", "schoenwetter-am-berg");
        var lenient = await RunAsync("import-xdf", file, "--tenant", "schoenwetter-am-berg", "--missing-codelists", "text", "--process-id", "kindertagespflege");

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("Code list urn:xpersonenstand:schluesseltabelle:geschlecht 3", strict.Output, StringComparison.Ordinal);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("in no version in the catalogue; imported as free text (1 field) — WARNING", lenient.Output, StringComparison.Ordinal);
        Assert.Contains("Stored process kindertagespflege 1.0.0", lenient.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_xdf_exits_1_on_an_invalid_file_and_names_the_problem()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("load-samples")).ExitCode);

        var result = await RunAsync("import-xdf", FimSample("xdf-parser-tests", "v3", "unexpected-node.xml"), "--tenant", "schoenwetter-am-berg");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unexpected element <xdf:unknown> in <xdf:identifikation> (line 11, column 14).", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-verb")]
    [InlineData("retry-delivery", "not-a-guid")]
    [InlineData("import-xdf", "file.xml")]
    [InlineData("import-xdf", "file.xml", "--tenant", "t", "--missing-codelists", "maybe")]
    [InlineData("import-xdf", "file.xml", "--tenant", "t", "--unknown", "x")]
    public async Task Wrong_usage_exits_with_2(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => HostProcess.RunAsync(dataDirectory, args);

    private static string FimSample(params string[] parts) => Path.Combine([Fixtures.FimSamples, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
