using System.Net;
using System.Net.Sockets;

namespace EfaGateway.Bench.BenchTable;

/// <summary>Where a run keeps its data, logs and key files, and where the built programs are.</summary>
internal sealed class RunFolder(string root, string directory)
{
    /// <summary>The repository (the folder with EfaGateway.sln).</summary>
    public string Root { get; } = root;

    /// <summary>A fresh temporary folder, deleted at the end unless the run is told to keep it.</summary>
    public string Directory { get; } = directory;

    /// <summary>Another build of the host to measure (<c>--host-dll</c>), e.g. the one before a change.</summary>
    public string? HostDll { get; init; }

    public string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>The Release build of a project (run-table.sh builds them all first).</summary>
    public string Built(string projectFolder, string assembly)
    {
        var dll = System.IO.Path.Combine(Root, projectFolder, "bin", "Release", "net10.0", assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build it with -c Release (bench/run-table.sh does).");
    }

    public static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "EfaGateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (EfaGateway.sln) was not found above the program.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
