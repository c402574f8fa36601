namespace EfaGateway.TestSupport;

/// <summary>
/// The third-party standards files the tests read (real FIM exports, code lists, parser fixtures, official schemas):
/// never copied into the repository (DESIGN.md section 7), but read from <c>EFAGW_SPECS_DIR</c>, else from
/// <c>../shared/specs</c> next to the clone. Each folder there has a SOURCES.md.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindSpecs);

    /// <summary>The standards folder itself (<c>fit-connect</c>, <c>xta2</c>, <c>xoev</c>, <c>fim-samples</c>, ...).</summary>
    public static string Specs => Root.Value;

    public static string FimSamples => Path.Combine(Root.Value, "fim-samples");

    /// <summary>The genericode lists the build also ships as the default catalogue of <c>import-xdf</c>.</summary>
    public static string CodeLists => Path.Combine(Root.Value, "fim-samples", "codelists");

    /// <summary>The clone's root (where EfaGateway.sln lies), for the project's own files such as <c>schemas/</c>.</summary>
    public static string Repository { get; } = FindRepository();

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EfaGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("EfaGateway.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string FindSpecs()
    {
        if (Environment.GetEnvironmentVariable("EFAGW_SPECS_DIR") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"EFAGW_SPECS_DIR names {configured}, which does not exist.");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "specs");
            if (Directory.Exists(Path.Combine(candidate, "fim-samples")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The standards folder was not found: set EFAGW_SPECS_DIR or place it at ../shared/specs next to the clone (above " + AppContext.BaseDirectory + ").");
    }
}
