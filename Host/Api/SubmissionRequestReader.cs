using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Host.Api;

/// <summary>
/// Reads a submission request body: <c>{ "data": { … }, "attachments": [ { "field", "fileName", "mediaType", "content" (base64) } ] }</c>.
/// Parsing is by hand rather than model binding so every malformed input gets a precise, German-first error.
/// </summary>
public sealed class SubmissionRequestReader
{
    /// <summary>
    /// Strict JSON: a member named twice is refused rather than letting one reader see the first and another the last
    /// value (the check would pass one value and the documents carry the other).
    /// </summary>
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false,
    };

    private const string NameNotText = "Ein Feldname ist kein gültiger Text. (A member name is not valid text.)";

    public async Task<SubmissionRequestRead> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        }

        JsonDocument document;
        try
        {
            await using var body = new LimitedReadStream(request.Body, maxBytes);
            document = await JsonDocument.ParseAsync(body, DocumentOptions, cancellationToken);
        }
        catch (JsonException)
        {
            return SubmissionRequestRead.Malformed(
                "Der Inhalt ist kein gültiges JSON oder nennt einen Eintrag mehrfach. (The body is not valid JSON or names a member twice.)");
        }
        catch (DecoderFallbackException)
        {
            return SubmissionRequestRead.Malformed("Der Inhalt ist kein gültiges UTF-8. (The body is not valid UTF-8.)");
        }
        catch (InvalidOperationException)
        {
            // The duplicate check compares decoded member names; an escaped lone surrogate ("\ud800") cannot be decoded.
            return SubmissionRequestRead.Malformed(NameNotText);
        }

        var root = document.RootElement;
        // The JSON reader does not check the UTF-8 inside strings; one pass over the whole document does, so a broken
        // byte sequence is one clear answer instead of a confusing error for whichever field it happens to be in.
        if (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(root)))
        {
            document.Dispose();
            return SubmissionRequestRead.Malformed("Der Inhalt ist kein gültiges UTF-8. (The body is not valid UTF-8.)");
        }

        if (!JsonText.AllNamesDecode(root))
        {
            // Any member lookup on such an object throws, so the request is refused before anything looks into it.
            document.Dispose();
            return SubmissionRequestRead.Malformed(NameNotText);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data))
        {
            document.Dispose();
            return SubmissionRequestRead.Malformed("Erwartet wird ein Objekt mit dem Eintrag \"data\". (Expected an object with a \"data\" member.)");
        }

        var attachments = new List<IncomingAttachment>();
        var errors = new List<FieldError>();
        if (root.TryGetProperty("attachments", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                document.Dispose();
                return SubmissionRequestRead.Malformed("\"attachments\" muss eine Liste sein. (\"attachments\" must be an array.)");
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var attachment = ReadAttachment(item);
                if (attachment is null)
                {
                    errors.Add(new FieldError($"attachments[{index}]", FieldErrorCode.MalformedDocument));
                }
                else
                {
                    attachments.Add(attachment);
                }

                index++;
            }
        }

        return new SubmissionRequestRead(document, data, attachments, errors, null);
    }

    private static IncomingAttachment? ReadAttachment(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object ||
            !TryString(item, "field", out var field) ||
            !TryString(item, "fileName", out var fileName) ||
            !TryString(item, "mediaType", out var mediaType) ||
            !item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String ||
            !content.TryGetBytesFromBase64(out var bytes))
        {
            return null;
        }

        return new IncomingAttachment(field, fileName, mediaType.ToLowerInvariant(), bytes);
    }

    private static bool TryString(JsonElement item, string name, out string value)
    {
        value = item.TryGetProperty(name, out var element) ? JsonText.TryGetString(element) ?? string.Empty : string.Empty;
        return value.Length > 0;
    }
}

/// <summary>A read request: either the parsed parts (the caller disposes the document) or why it could not be read.</summary>
public sealed record SubmissionRequestRead(
    JsonDocument? Document,
    JsonElement Data,
    IReadOnlyList<IncomingAttachment> Attachments,
    IReadOnlyList<FieldError> Errors,
    string? MalformedReason) : IDisposable
{
    public static SubmissionRequestRead Malformed(string reason) => new(null, default, [], [], reason);

    public void Dispose() => Document?.Dispose();
}
