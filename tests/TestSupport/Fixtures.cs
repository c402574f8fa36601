namespace EfaGateway.TestSupport;

/// <summary>Files under <c>tests/fixtures</c> (real FIM exports, code lists, parser fixtures; see their SOURCES.md).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string FimSamples => Path.Combine(Root.Value, "fim-samples");

    /// <summary>The genericode lists that ship as the default catalogue (<c>samples/codelists</c>).</summary>
    public static string CodeLists => Path.Combine(Root.Value, "..", "..", "samples", "codelists");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures was not found above " + AppContext.BaseDirectory);
    }
}
