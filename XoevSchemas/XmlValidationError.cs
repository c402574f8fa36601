namespace EfaGateway.XoevSchemas;

/// <summary>
/// One problem found while reading or validating an XML document.
/// </summary>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Position">1-based position in the line, or 0 when unknown.</param>
/// <param name="Path">
/// Where in the document, as element names with their <c>id</c> attribute where one exists
/// (e.g. <c>/application/data/section[@id='owner']/field[@id='name']/value</c>). Carries no text content.
/// </param>
/// <param name="Message">
/// The parser's or validator's own message. It may quote the offending value, i.e. document content: do not log it
/// for documents that carry personal data; use <see cref="ToSafeString"/> there.
/// </param>
/// <param name="IsWarning">A schema warning rather than an error; still counted as a failure.</param>
public sealed record XmlValidationError(int Line, int Position, string Path, string Message, bool IsWarning = false)
{
    /// <summary>
    /// Location and the parts of the message that quote nothing (e.g. "The Pattern constraint failed."): no document
    /// content, so fit for logs and failure reasons.
    /// </summary>
    public string ToSafeString()
    {
        var location = $"line {Line}, position {Position}{(Path.Length > 0 ? " at " + Path : string.Empty)}";
        // .NET joins the parts of a schema message with " - "; quoted parts may carry the offending value.
        var reasons = Message.Split(" - ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.IndexOfAny(['\'', '"']) < 0)
            .ToList();
        return reasons.Count == 0 ? location : $"{location}: {string.Join(" ", reasons)}";
    }

    public override string ToString() =>
        $"line {Line}, position {Position}{(Path.Length > 0 ? " at " + Path : string.Empty)}: {Message}";
}
