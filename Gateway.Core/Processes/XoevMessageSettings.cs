namespace EfaGateway.Core.Processes;

/// <summary>
/// The XÖV message a process's applications are sent as (the process definition's optional <c>xoev</c> block): the
/// values of the message header that belong to the process rather than to a tenant. Who sends and who reads
/// (autor, leser) differs per tenant and lives in the host's configuration; the XML itself is the mappers' business.
/// </summary>
public sealed record XoevMessageSettings
{
    /// <summary>The message root's <c>standard</c> attribute as the standard fixes it, e.g. <c>XBau-Hochbau</c>.</summary>
    public required string Standard { get; init; }

    /// <summary>The message root's <c>version</c> attribute, e.g. <c>2.6</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The message type as the standard's code (e.g. <c>0200</c> from <c>urn:xoev-de:xbau:codeliste:xbau-nachrichten</c> 4.0).</summary>
    public required XoevCode Nachrichtentyp { get; init; }
}

/// <summary>An XÖV code value: the code and the code list (URI and version) it comes from.</summary>
public sealed record XoevCode(string Code, string ListUri, string ListVersionId);

/// <summary>The JSON shape of the <c>xoev</c> block; every member optional here so that all problems are reported at once.</summary>
internal sealed record XoevMessageDocument
{
    public string? Standard { get; init; }

    public string? Version { get; init; }

    public XoevCodeDocument? Nachrichtentyp { get; init; }

    public static XoevMessageDocument? From(XoevMessageSettings? settings) => settings is null
        ? null
        : new XoevMessageDocument
        {
            Standard = settings.Standard,
            Version = settings.Version,
            Nachrichtentyp = new XoevCodeDocument
            {
                Code = settings.Nachrichtentyp.Code,
                ListUri = settings.Nachrichtentyp.ListUri,
                ListVersionId = settings.Nachrichtentyp.ListVersionId,
            },
        };

    /// <summary>The settings, or null with every problem added to <paramref name="problems"/>.</summary>
    public XoevMessageSettings? ToSettings(List<string> problems)
    {
        var before = problems.Count;
        Require(Standard, "xoev.standard", problems);
        Require(Version, "xoev.version", problems);
        if (Nachrichtentyp is null)
        {
            problems.Add("xoev.nachrichtentyp is missing.");
        }
        else
        {
            Require(Nachrichtentyp.Code, "xoev.nachrichtentyp.code", problems);
            Require(Nachrichtentyp.ListVersionId, "xoev.nachrichtentyp.listVersionId", problems);
            if (Require(Nachrichtentyp.ListUri, "xoev.nachrichtentyp.listUri", problems) &&
                !Uri.TryCreate(Nachrichtentyp.ListUri, UriKind.Absolute, out _))
            {
                problems.Add("xoev.nachrichtentyp.listUri must be an absolute URI (e.g. urn:xoev-de:xbau:codeliste:xbau-nachrichten).");
            }
        }

        return problems.Count > before
            ? null
            : new XoevMessageSettings
            {
                Standard = Standard!,
                Version = Version!,
                Nachrichtentyp = new XoevCode(Nachrichtentyp!.Code!, Nachrichtentyp.ListUri!, Nachrichtentyp.ListVersionId!),
            };
    }

    // Header values end up in XML attributes and elements: blank or padded values are refused here, not by the receiver.
    private static bool Require(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is missing or blank.");
            return false;
        }

        if (value.Trim().Length != value.Length || value.Any(char.IsControl))
        {
            problems.Add($"{name} must not start or end with spaces or contain control characters.");
            return false;
        }

        return true;
    }
}

internal sealed record XoevCodeDocument
{
    public string? Code { get; init; }

    public string? ListUri { get; init; }

    public string? ListVersionId { get; init; }
}
