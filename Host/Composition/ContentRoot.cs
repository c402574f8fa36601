namespace EfaGateway.Host.Composition;

/// <summary>
/// Where appsettings.json is read from. <c>dotnet run --project Host</c> from the repository root starts in a folder
/// without one, so the binary's own folder is used; an explicit <c>--contentRoot</c> (test hosts, operators) wins.
/// </summary>
internal static class ContentRoot
{
    public static string? Choose(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ||
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? null
            : AppContext.BaseDirectory;
}
