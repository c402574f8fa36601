using System.Xml.Linq;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Tests.Architecture;

/// <summary>Arrows point inward: the core knows no web framework, no database, no scheduler and no transport.</summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz", "Npgsql", "Microsoft.Data.Sqlite",
        "PdfSharp", "System.ServiceModel", "Serilog", "EfaGateway.Transports", "EfaGateway.Persistence",
        "EfaGateway.Mappers", "EfaGateway.Host",
    ];

    [Fact]
    public void Gateway_core_references_no_aspnet_efcore_quartz_or_transport_assembly()
    {
        var references = typeof(Submission).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Gateway_core_project_only_references_extension_abstractions()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "Gateway.Core", "Gateway.Core.csproj"));
        var packages = project.Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("FrameworkReference"));
        Assert.All(packages, p => Assert.Matches("^Microsoft\\.Extensions\\.[A-Za-z.]+$", p));
        Assert.DoesNotContain(packages, p => ForbiddenPrefixes.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EfaGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EfaGateway.sln not found above the test directory.");
    }
}
