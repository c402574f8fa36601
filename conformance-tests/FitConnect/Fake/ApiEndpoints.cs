using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>The HTTP surface of the fake: Submission API v1, the token endpoint, the JWKS and the CRLs.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FakeState state)
    {
        app.MapPost("/token", (Delegate)((HttpContext context) => TokenEndpoint.IssueAsync(context, state)));
        app.MapGet("/.well-known/jwks.json", () => Json(new JsonObject { ["keys"] = new JsonArray(state.SigningKey.PublishedJwk.DeepClone()) }));
        app.MapGet("/pki/{name}.crl", (string name) => state.Pki.CrlOf(name) is { } crl
            ? Results.Bytes(crl, "application/pkix-crl")
            : Results.NotFound());

        app.MapGet("/v1/destinations/{destinationId}", (HttpContext context, string destinationId) =>
            Authorized(context, state, role: null, _ => state.DestinationJson(destinationId) is { } destination
                ? Json(destination)
                : ApiProblem.DestinationNotFound(destinationId).ToResult(context)));
        app.MapGet("/v1/destinations/{destinationId}/keys/{kid}", (HttpContext context, string destinationId, string kid) =>
            Authorized(context, state, role: null, _ => state.FindDestination(destinationId) is null
                ? ApiProblem.DestinationNotFound(destinationId).ToResult(context)
                : state.KeyJson(destinationId, kid) is { } jwk ? Json(jwk) : ApiProblem.KeyNotFound(kid).ToResult(context)));

        MapSender(app, state);
        MapSubscriber(app, state);
    }

    private static void MapSender(IEndpointRouteBuilder app, FakeState state)
    {
        app.MapPost("/v1/submissions", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context);
            return Authorized(context, state, ClientRole.Sender, token =>
                Respond(context, state.Announce(token, body), StatusCodes.Status201Created));
        });
        app.MapPut("/v1/submissions/{submissionId}/attachments/{attachmentId}",
            async (HttpContext context, string submissionId, string attachmentId) =>
            {
                if (state.Options.StreamAttachmentsFromBytes is { } threshold && context.Request.ContentLength >= threshold)
                {
                    AccessToken? caller = null;
                    var denied = Authorized(context, state, ClientRole.Sender, token =>
                    {
                        caller = token;
                        return Results.NoContent();
                    });
                    return caller is null
                        ? denied
                        : await state.UploadStreamedAsync(caller, submissionId, attachmentId, context.Request.ContentType, context.Request.Body,
                            context.Request.ContentLength.Value, context.RequestAborted) is { } streamedProblem
                            ? streamedProblem.ToResult(context)
                            : Results.NoContent();
                }

                var body = await ReadBodyAsync(context);
                return Authorized(context, state, ClientRole.Sender, token =>
                    state.Upload(token, submissionId, attachmentId, context.Request.ContentType, body) is { } problem
                        ? problem.ToResult(context)
                        : Results.NoContent());
            });
        app.MapPut("/v1/submissions/{submissionId}", async (HttpContext context, string submissionId) =>
        {
            var body = await ReadBodyAsync(context);
            return Authorized(context, state, ClientRole.Sender, token =>
                Respond(context, state.Submit(token, submissionId, context.Request.ContentType, body), StatusCodes.Status202Accepted));
        });
        app.MapGet("/v1/cases/{caseId}/events", (HttpContext context, string caseId) =>
            Authorized(context, state, role: null, token => state.GetEvents(token, caseId) switch
            {
                ({ } log, _) => Json(new JsonObject { ["eventLog"] = new JsonArray([.. log.Select(set => JsonValue.Create(set))]) }),
                (_, var problem) => problem!.ToResult(context),
            }));
    }

    private static void MapSubscriber(IEndpointRouteBuilder app, FakeState state)
    {
        app.MapGet("/v1/submissions", (HttpContext context, string? destinationId, int? offset, int? limit) =>
            Authorized(context, state, ClientRole.Subscriber, token =>
            {
                if (destinationId is null || offset < 0 || limit is < 1 or > 500)
                {
                    return ApiProblem.InvalidRequest("destinationId is required; offset >= 0; 1 <= limit <= 500.").ToResult(context);
                }

                return token.Client.DestinationIds.Contains(destinationId)
                    ? Json(state.ListSubmissions(destinationId, offset ?? 0, limit ?? 100))
                    : ApiProblem.Forbidden("The client does not subscribe to this destination.").ToResult(context);
            }));
        app.MapGet("/v1/submissions/{submissionId}", (HttpContext context, string submissionId) =>
            Authorized(context, state, ClientRole.Subscriber, token =>
                Respond(context, state.GetSubmission(token, submissionId), StatusCodes.Status200OK)));
        app.MapGet("/v1/submissions/{submissionId}/attachments/{attachmentId}",
            (HttpContext context, string submissionId, string attachmentId) =>
                Authorized(context, state, ClientRole.Subscriber, token => state.GetAttachment(token, submissionId, attachmentId) switch
                {
                    ({ } jwe, _) => Results.Text(jwe, "application/jose", Encoding.UTF8),
                    (_, var problem) => problem!.ToResult(context),
                }));
        app.MapPost("/v1/cases/{caseId}/events", async (HttpContext context, string caseId) =>
        {
            var body = await ReadBodyAsync(context);
            return Authorized(context, state, ClientRole.Subscriber, token =>
                state.PostEvent(token, caseId, context.Request.ContentType, body) is { } problem
                    ? problem.ToResult(context)
                    : Results.NoContent());
        });
    }

    private static IResult Respond(HttpContext context, (JsonObject? Body, ApiProblem? Problem) outcome, int status) =>
        outcome.Problem is { } problem ? problem.ToResult(context) : Json(outcome.Body!, status);

    internal static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(), "application/json", Encoding.UTF8, status);

    internal static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for a valid bearer token of the given role (any role if null): 401 with
    /// <c>WWW-Authenticate: Bearer error="invalid_token"</c> for a missing, unknown or expired token, 403 for the wrong role.
    /// </summary>
    internal static IResult Authorized(HttpContext context, FakeState state, ClientRole? role, Func<AccessToken, IResult> handler)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? state.Tokens.Find(header["Bearer ".Length..].Trim())
            : null;
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.Text(new JsonObject { ["error"] = "invalid_token" }.ToJsonString(), "application/json",
                Encoding.UTF8, StatusCodes.Status401Unauthorized);
        }

        if (role is { } required && token.Client.Role != required)
        {
            return ApiProblem.Forbidden(string.Create(CultureInfo.InvariantCulture,
                $"This call is for {required.ToString().ToLowerInvariant()} clients.")).ToResult(context);
        }

        return handler(token);
    }
}
