using EfaGateway.Conformance.FitConnect.Cli;

return await ServeCommand.RunAsync(args);
