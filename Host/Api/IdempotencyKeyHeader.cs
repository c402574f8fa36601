using System.Text;
using EfaGateway.Core.Submissions;
using Microsoft.Extensions.Primitives;

namespace EfaGateway.Host.Api;

/// <summary>
/// The <c>Idempotency-Key</c> request header (draft-ietf-httpapi-idempotency-key-header): a structured-field String,
/// <c>Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"</c>. Many clients send the bare value, so an unquoted
/// key of printable ASCII without spaces is taken as well. 1 to 255 characters.
/// </summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>The key, or null without the header; <paramref name="error"/> says what is wrong with a bad one.</summary>
    public static string? Read(IHeaderDictionary headers, out string? error)
    {
        error = null;
        if (!headers.TryGetValue(Name, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        if (values.Count > 1 || values[0]!.Contains(',', StringComparison.Ordinal) && !values[0]!.StartsWith('"'))
        {
            error = "Senden Sie genau einen Idempotency-Key. (Send exactly one Idempotency-Key.)";
            return null;
        }

        var raw = values[0]!.Trim(' ', '\t');
        var key = raw.StartsWith('"') ? Unquote(raw) : Bare(raw);
        if (key is null || key.Length is 0 or > Submission.MaxIdempotencyKeyLength)
        {
            error = $"Der Idempotency-Key muss 1 bis {Submission.MaxIdempotencyKeyLength} druckbare ASCII-Zeichen lang sein, als String in Anführungszeichen. " +
                $"(The Idempotency-Key must be 1 to {Submission.MaxIdempotencyKeyLength} printable ASCII characters, sent as a quoted string.)";
            return null;
        }

        return key;
    }

    // RFC 8941 §4.2.5: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, unescaped = printable ASCII but " and \.
    private static string? Unquote(string raw)
    {
        if (raw.Length < 2 || raw[^1] != '"')
        {
            return null;
        }

        var key = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var c = raw[i];
            if (c == '\\')
            {
                if (++i >= raw.Length - 1 || raw[i] is not ('"' or '\\'))
                {
                    return null;
                }

                key.Append(raw[i]);
            }
            else if (c == '"' || c < 0x20 || c > 0x7E)
            {
                return null;
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    private static string? Bare(string raw) => raw.All(c => c is > (char)0x20 and < (char)0x7F and not '"' and not '\\') ? raw : null;
}
