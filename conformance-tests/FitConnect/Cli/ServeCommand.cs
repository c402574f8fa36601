namespace EfaGateway.Conformance.FitConnect.Cli;

internal static class ServeCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
