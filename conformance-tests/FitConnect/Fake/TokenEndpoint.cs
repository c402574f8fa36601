using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EfaGateway.Conformance.FitConnect.Fake;

/// <summary>
/// OAuth 2.0 client credentials grant (RFC 6749 section 4.4): form-encoded <c>grant_type=client_credentials</c> with
/// <c>client_id</c> and <c>client_secret</c> in the body (client_secret_post), HTTP Basic only when enabled.
/// Answers <c>{access_token, token_type: "Bearer", expires_in}</c>; errors in the RFC 6749 section 5.2 format.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> IssueAsync(HttpContext context, FakeState state)
    {
        state.Tokens.CountRequest();
        if (!context.Request.HasFormContentType)
        {
            return Error("invalid_request", "The token request must be application/x-www-form-urlencoded.", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"].ToString() is var grant && grant != "client_credentials")
        {
            return string.IsNullOrEmpty(grant)
                ? Error("invalid_request", "grant_type is missing.", 400)
                : Error("unsupported_grant_type", $"grant_type {grant} is not supported.", 400);
        }

        var (clientId, clientSecret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (state.Options.AcceptBasicClientAuthentication && TryReadBasic(context, out var basicId, out var basicSecret))
        {
            (clientId, clientSecret) = (basicId, basicSecret);
        }

        var token = state.Tokens.Issue(NullIfEmpty(clientId), NullIfEmpty(clientSecret));
        if (token is null)
        {
            return Error("invalid_client", "Client authentication failed.", 401);
        }

        return ApiEndpoints.Json(new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)Math.Round((token.ExpiresAt - state.Time.GetUtcNow()).TotalSeconds),
        });
    }

    private static bool TryReadBasic(HttpContext context, out string clientId, out string clientSecret)
    {
        clientId = clientSecret = "";
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            if (pair.Length != 2)
            {
                return false;
            }

            // RFC 6749 section 2.3.1: both parts are form-urlencoded before they are joined.
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static IResult Error(string error, string description, int status) =>
        Results.Text(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(),
            "application/json", Encoding.UTF8, status);
}
