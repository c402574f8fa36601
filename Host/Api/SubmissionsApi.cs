using EfaGateway.Core.Pipeline;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Submissions;
using EfaGateway.Host.Composition;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EfaGateway.Host.Api;

/// <summary>Submitting an application and following its deliveries.</summary>
public static class SubmissionsApi
{
    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenants/{tenant}").WithTags("Submissions");
        group.MapPost("/processes/{process}/submissions", SubmitAsync)
            .WithName("Submit")
            .WithSummary("Submit an application: validated, stored with its deliveries in one transaction, delivered in the background.")
            .Accepts<SubmissionRequestDto>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/submissions/{id:guid}", GetStatusAsync)
            .WithName("GetSubmissionStatus")
            .WithSummary("The submission's delivery status (no personal data).");
        return api;
    }

    internal static async Task<Results<Created<SubmissionAcceptedDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string tenant, string process, HttpRequest request, SubmissionRequestReader reader, SubmissionIntake intake,
        ICatalogStore catalog, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType();
        }

        var idempotencyKey = IdempotencyKeyHeader.Read(request.Headers, out var keyError);
        if (keyError is not null)
        {
            return Problems.Malformed(keyError);
        }

        SubmissionRequestRead read;
        try
        {
            read = await reader.ReadAsync(request, options.Value.Api.MaxSubmissionBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge();
        }

        using (read)
        {
            if (read.MalformedReason is not null)
            {
                return Problems.Malformed(read.MalformedReason);
            }

            var english = FieldErrorMessages.PrefersEnglish(request);
            if (read.Errors.Count > 0)
            {
                return TypedResults.ValidationProblem(ToDictionary(read.Errors, null, english), title: Problems.ValidationTitle);
            }

            var result = await intake.SubmitAsync(tenant, process, read.Data, read.Attachments, idempotencyKey, cancellationToken);
            switch (result)
            {
                case IntakeResult.Accepted accepted:
                    return Created(tenant, accepted.Submission);
                case IntakeResult.Replayed replayed:
                    // The same answer as the first time: a client that lost it can retry without a second application.
                    return Created(tenant, replayed.Submission);
                case IntakeResult.IdempotencyKeyReused:
                    return Problems.IdempotencyKeyReused();
                case IntakeResult.Invalid invalid:
                    var definition = (await catalog.FindTenantProcessAsync(tenant, process, cancellationToken))?.Process;
                    return TypedResults.ValidationProblem(ToDictionary(invalid.Errors, definition, english), title: Problems.ValidationTitle);
                case IntakeResult.ScannerUnavailable:
                    request.HttpContext.Response.Headers.RetryAfter = "120";
                    return Problems.ScannerUnavailable();
                default:
                    return Problems.ProcessNotFound(tenant, process);
            }
        }
    }

    private static Created<SubmissionAcceptedDto> Created(string tenant, Core.Submissions.Submission submission)
    {
        var location = $"/api/v1/tenants/{tenant}/submissions/{submission.Id}";
        return TypedResults.Created(location, new SubmissionAcceptedDto(submission.Id, submission.Vorgangsnummer, submission.ReceivedAt, location));
    }

    internal static async Task<Results<Ok<SubmissionStatusDto>, ProblemHttpResult>> GetStatusAsync(
        string tenant, Guid id, ISubmissionStore submissions, IDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var submission = await submissions.FindAsync(id, cancellationToken);
        if (submission is null || submission.TenantId != tenant)
        {
            return Problems.NotFound("Diesen Antrag gibt es nicht. (There is no such submission.)");
        }

        var routes = await deliveries.ListForSubmissionAsync(id, cancellationToken);
        return TypedResults.Ok(new SubmissionStatusDto(submission.Id, submission.Vorgangsnummer, submission.ProcessId,
            submission.ReceivedAt, submission.PersonalDataPurgedAt, routes.Select(DeliveryDto.From).ToList()));
    }

    private static Dictionary<string, string[]> ToDictionary(IEnumerable<FieldError> errors, Core.Processes.ProcessDefinition? process, bool english) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => FieldErrorMessages.For(e, process, english)).ToArray(), StringComparer.Ordinal);
}
