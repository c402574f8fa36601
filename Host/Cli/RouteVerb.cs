using EfaGateway.Host.Routes;

namespace EfaGateway.Host.Cli;

/// <summary><c>route set &lt;tenant&gt; &lt;process&gt; &lt;routes.json&gt;</c> and <c>route show &lt;tenant&gt; &lt;process&gt;</c>.</summary>
public static class RouteVerb
{
    public const string Usage = "route set <tenant> <process> <routes.json> | route show <tenant> <process>\n"
        + "                               set (checked, secrets encrypted) or show (secrets masked) the delivery routes of a process";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var routes = services.GetRequiredService<RouteConfiguration>();
        RouteChange change;
        switch (args)
        {
            case ["show", var tenant, var process]:
                change = await routes.ShowAsync(tenant, process, CancellationToken.None);
                break;
            case ["set", var tenant, var process, var file]:
                if (!File.Exists(file))
                {
                    await Console.Error.WriteLineAsync($"There is no file '{file}'.");
                    return 1;
                }

                change = await routes.SetAsync(tenant, process, await File.ReadAllTextAsync(file), CancellationToken.None);
                break;
            default:
                await Console.Error.WriteLineAsync("Usage: " + Usage);
                return 2;
        }

        if (change.Routes is null)
        {
            foreach (var problem in change.Problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            return 1;
        }

        await output.WriteLineAsync(RouteConfiguration.Write(change.Routes));
        return 0;
    }
}
