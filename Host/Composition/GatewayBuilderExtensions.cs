using EfaGateway.Core;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Api;
using EfaGateway.Host.Forms;
using EfaGateway.Host.Jobs;
using EfaGateway.Host.Notifications;
using EfaGateway.Host.Observability;
using EfaGateway.Host.Privacy;
using EfaGateway.Host.Security;
using EfaGateway.Host.Uploads;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.FileProviders;
using EfaGateway.Host.Worker;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.Mappers.FimJson;
using EfaGateway.Mappers.Pdf;
using EfaGateway.Mappers.Xdomea;
using EfaGateway.Mappers.Xoev;
using EfaGateway.Persistence;
using EfaGateway.Transports.FitConnect;
using EfaGateway.Transports.Postkorb;
using EfaGateway.Transports.Xta;
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
        services.AddFimJsonMapper();
        services.AddXoevMappers();
        services.AddXdomeaExport(builder.Configuration);
        services.AddPostkorbTransport();
        services.AddFitConnectTransport();
        services.AddXtaTransport();
        services.AddXtaMailbox();
        services.AddOptions<Transports.Xta.Mailbox.XtaMailboxOptions>().BindConfiguration(Transports.Xta.Mailbox.XtaMailboxOptions.SectionName);
        services.AddScoped<Routes.RouteConfiguration>();
        services.AddPrivacyDocumentation();
        services.AddPostkorbNotifications();
        services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.SectionName).ValidateOnStart();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe);
        // A body the endpoint cannot bind (broken JSON, a member of the wrong type, no content type) is the caller's
        // error in every environment: 400/415 with a ProblemDetails, never the Development-only exception (a 500).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        // A member named twice would let the last one win silently; refused like any other malformed JSON.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddOpenApi();
        services.AddOperatorApiKeys();
        services.AddOperatorConsole();
        Staff.StaffAuthentication.AddStaffAccounts(services);
        services.AddHealthChecks()
            .AddDbContextCheck<GatewayDbContext>("database", tags: ["ready"])
            .AddCheck<ClamdHealthCheck>("clamd", tags: ["ready"]);
        services.AddOptions<ClamdOptions>().BindConfiguration(ClamdOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClamdOptions>, ClamdOptionsValidator>();
        services.AddSingleton<ClamdScanner>();
        services.AddSingleton<IMalwareScanner>(provider => provider.GetRequiredService<ClamdScanner>());
        AddCitizenForms(builder);
        builder.AddGatewayTelemetry();
        services.AddScoped<Samples.SampleLoader>();
        services.AddScoped<Fim.FimImportService>();
        services.AddScoped<Admin.TenantAdministration>();
        services.AddScoped<Admin.TenantExport>();
        services.AddScoped<Admin.ITenantExportPart, Staff.StaffExportPart>();
        services.AddScoped<Admin.TenantDeletion>();
        services.AddSingleton<SubmissionRequestReader>();

        if (runsServer)
        {
            services.AddDeliveryWorkers();
            services.AddGatewayJobs(builder.Configuration);
            services.AddSingleton<XtaMailbox.XtaMailboxServer>();
            services.AddHostedService(provider => provider.GetRequiredService<XtaMailbox.XtaMailboxServer>());
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var max = context.Configuration.GetValue<long?>("Gateway:Api:MaxSubmissionBytes") ?? new ApiOptions().MaxSubmissionBytes;
            kestrel.Limits.MaxRequestBodySize = max;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>The citizen pages: Razor Pages, sessions in the blob store, uploads, statements, limits, shared keys.</summary>
    private static void AddCitizenForms(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages();
        // Umlauts as they are, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RouteOptions>(options => options.ConstraintMap["slug"] = typeof(SlugRouteConstraint));
        services.AddScoped<FormFlow>();
        services.AddScoped<FormSessionStore>();
        services.AddScoped<UploadService>();
        services.AddSingleton<StatementTexts>();
        services.AddScoped<DraftService>();
        services.AddOptions<Mail.SmtpOptions>().BindConfiguration(Mail.SmtpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Mail.SmtpOptions>, Mail.SmtpOptionsValidator>();
        services.AddSingleton<IMailSender, Mail.SmtpMailSender>();
        services.AddGatewayRateLimits(builder.Configuration);
        // Antiforgery tokens must verify on every host, and after a restart: the key ring lives in the data directory.
        var dataDirectory = Path.GetFullPath(builder.Configuration["Gateway:DataDirectory"] ?? new GatewayOptions().DataDirectory);
        services.AddDataProtection()
            .SetApplicationName("EfaGateway")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys", "dataprotection")));
        // Form posts: no single answer beyond 64 KB, a bounded number of fields, files within the upload cap.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options =>
        {
            options.ValueLengthLimit = 64 * 1024;
            options.ValueCountLimit = 4096;
            options.MultipartBodyLengthLimit = 4L * (builder.Configuration.GetValue<long?>("Gateway:Forms:MaxUploadBytes") ?? new FormsOptions().MaxUploadBytes);
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "efagw-af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__schutz";
        });
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseGatewayTelemetry();
        app.UseSecurityHeaders();
        // Request logging sits outside the exception handler, so it sees the 500 but never the exception itself.
        app.UseSerilogRequestLogging(options =>
        {
            // The path identifies tenant and process only; query strings and bodies are never logged.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.Logger = app.Services.GetService<Serilog.ILogger>(); // this host's logger, not the static bootstrap one
            // A resume link is half of what opens a saved draft: its id stays out of the log.
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new Serilog.Events.LogEventProperty("RequestMethod", new Serilog.Events.ScalarValue(http.Request.Method)),
                new Serilog.Events.LogEventProperty("RequestPath", new Serilog.Events.ScalarValue(LogPaths.Mask(path))),
                new Serilog.Events.LogEventProperty("StatusCode", new Serilog.Events.ScalarValue(status)),
                new Serilog.Events.LogEventProperty("Elapsed", new Serilog.Events.ScalarValue(elapsed)),
            ];
        });
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages
            .UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/fehler/500",
                // A form beyond the size limits is the sender's doing: 413 with its own page, not a 500.
                StatusCodeSelector = exception => exception switch
                {
                    InvalidDataException or BadHttpRequestException { StatusCode: 413 } when FormBodyLimits.IsBeyondLimit(exception) => StatusCodes.Status413PayloadTooLarge,
                    InvalidDataException => StatusCodes.Status400BadRequest,
                    BadHttpRequestException { StatusCode: < 500 } bad => bad.StatusCode,
                    _ => StatusCodes.Status500InternalServerError,
                },
            })
            .UseStatusCodePagesWithReExecute("/fehler/{0}"));
        // Stylesheets and fonts travel with the binary (kern/ from npm at build time, assets/ from the repository).
        foreach (var folder in new[] { "kern", "assets" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, folder);
            if (Directory.Exists(path))
            {
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/" + folder });
            }
        }

        app.UseCitizenLanguage();
        app.UseFormBodyLimits();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();

        app.MapOpenApi();
        app.MapHealthEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapSubmissionsApi();
        api.MapDeliveriesApi();
        api.MapPostkorbApi();
        api.MapAdminApi();
        api.MapStaffAdminApi();
        api.MapFitConnectCallbacks();
        api.MapPrivacyDocumentationApi();
        api.MapStuckApi();
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/health") ||
        http.Request.Path.StartsWithSegments("/openapi");
}
