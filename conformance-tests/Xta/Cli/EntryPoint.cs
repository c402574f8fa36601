namespace EfaGateway.Conformance.Xta.Cli;

/// <summary>
/// The program's entry point. A named class instead of top-level statements: those generate a public
/// <c>Program</c>, which would clash with the gateway host's in test projects that reference both.
/// </summary>
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => ServeCommand.RunAsync(args);
}
