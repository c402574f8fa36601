using EfaGateway.Core;
using EfaGateway.Core.Deliveries;
using EfaGateway.Host.Api;
using EfaGateway.Host.Jobs;
using EfaGateway.Host.Security;
using EfaGateway.Host.Worker;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.Mappers.Pdf;
using EfaGateway.Persistence;
using EfaGateway.Transports.Postkorb;
using Microsoft.Extensions.Options;
using Serilog;

namespace EfaGateway.Host.Composition;

/// <summary>The composition root: the only place that knows every adapter.</summary>
public static class GatewayBuilderExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder, bool runsServer)
    {
        var services = builder.Services;
        // A logger per host (preserveStaticLogger): the static bootstrap logger stays for start-up failures only,
        // and several hosts in one process (tests) never share or steal each other's sinks.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);

        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptions<RetryOptions>().BindConfiguration(RetryOptions.SectionName).ValidateOnStart();

        services.AddGatewayCore();
        services.AddGatewayPersistence(builder.Configuration);
        services.AddCanonicalXmlMapper();
        services.AddPdfMapper();
        services.AddPostkorbTransport();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddOpenApi();
        services.AddOperatorApiKeys();
        services.AddHealthChecks().AddDbContextCheck<GatewayDbContext>("database", tags: ["ready"]);
        services.AddScoped<Samples.SampleLoader>();
        services.AddScoped<Fim.FimImportService>();
        services.AddSingleton<SubmissionRequestReader>();

        if (runsServer)
        {
            services.AddDeliveryWorkers();
            services.AddGatewayJobs(builder.Configuration);
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var max = context.Configuration.GetValue<long?>("Gateway:Api:MaxSubmissionBytes") ?? new ApiOptions().MaxSubmissionBytes;
            kestrel.Limits.MaxRequestBodySize = max;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Request logging sits outside the exception handler, so it sees the 500 but never the exception itself.
        app.UseSerilogRequestLogging(options =>
        {
            // The path identifies tenant and process only; query strings and bodies are never logged.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.Logger = app.Services.GetService<Serilog.ILogger>(); // this host's logger, not the static bootstrap one
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapSubmissionsApi();
        api.MapDeliveriesApi();
        api.MapPostkorbApi();
        return app;
    }
}
