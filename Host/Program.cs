using EfaGateway.Host.Cli;
using EfaGateway.Host.Composition;
using Serilog;

// Two-stage Serilog: a bootstrap logger catches start-up failures; the configured one replaces it once the host is built.
Log.Logger = new LoggerConfiguration().WriteTo.Console(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter()).CreateBootstrapLogger();
try
{
    var verb = CommandLine.FindVerb(args);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = CommandLine.HostArguments(args), ContentRootPath = ContentRoot.Choose(args) });
    builder.AddGateway(runsServer: verb is null);
    var app = builder.Build();
    if (verb is not null)
    {
        return await CommandLine.RunAsync(app, verb, args);
    }

    app.UseGateway();
    await app.PrepareAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The gateway stopped because of an unexpected error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
