using System.Diagnostics;
using System.Globalization;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;

// Usage: dotnet run -c Release --project bench/ImportBench [-- <xdf folder> <code-list folder>]
// Each schema is measured in a fresh child process, so its peak working set is that import's alone:
// one cold import (first use: JIT, regex compilation, code-list loading), then 20 warm ones.
var root = FindRepositoryRoot();
if (args is ["--one", var file, var codeLists])
{
    return MeasureOne(file, codeLists);
}

var xdfFolder = args.Length > 0 ? args[0] : Path.Combine(root, "tests", "fixtures", "fim-samples", "xdf3");
var codeListFolder = args.Length > 1 ? args[1] : Path.Combine(root, "samples", "codelists");
Console.WriteLine("| schema | size | cold import | warm import (median of 20) | allocated per import | peak working set |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var path in Directory.GetFiles(xdfFolder, "*.xml").Order(StringComparer.Ordinal))
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    if (Path.GetFileName(Environment.ProcessPath) is "dotnet" or "dotnet.exe")
    {
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
    }

    foreach (var argument in new[] { "--one", path, codeListFolder })
    {
        start.ArgumentList.Add(argument);
    }

    using var child = Process.Start(start)!;
    Console.WriteLine(child.StandardOutput.ReadToEnd().TrimEnd());
    child.WaitForExit();
}

return 0;

static int MeasureOne(string path, string codeLists)
{
    var catalog = CodeListCatalog.FromDirectory(codeLists);
    var options = new ImportOptions { CodeLists = catalog, MissingCodeLists = MissingCodeListMode.Text };
    var baseline = Process.GetCurrentProcess().WorkingSet64;
    var cold = Stopwatch.StartNew();
    var fields = Import(path, options);
    cold.Stop();

    var warm = new List<double>();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    for (var i = 0; i < 20; i++)
    {
        var watch = Stopwatch.StartNew();
        Import(path, options);
        warm.Add(watch.Elapsed.TotalMilliseconds);
    }

    var perImport = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 20.0;
    warm.Sort();
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var size = new FileInfo(path).Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Path.GetFileName(path)} ({fields} fields) | {size / 1024.0:0} KB | {cold.Elapsed.TotalMilliseconds:0} ms | {warm[10]:0.0} ms | {perImport / (1024 * 1024):0.0} MB | {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB (at start {baseline / (1024.0 * 1024):0} MB) |"));
    return 0;
}

static int Import(string path, ImportOptions options)
{
    using var stream = File.OpenRead(path);
    return XdfImporter.Import(XdfReader.Read(stream), options).Report.Fields;
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "EfaGateway.sln")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
