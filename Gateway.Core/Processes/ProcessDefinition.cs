namespace EfaGateway.Core.Processes;

/// <summary>
/// A process (Leistung) in the project's own definition format, versioned. The form is a list of sections (pages) of
/// elements; submitted data is a JSON object keyed by element id, nested where groups nest.
/// </summary>
public sealed record ProcessDefinition
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public required LocalizedText Title { get; init; }

    /// <summary>LeiKa key of the Leistung, used later by FIT-Connect (serviceType).</summary>
    public string? LeikaKey { get; init; }

    /// <summary>The FIM Stammdatenschema this process was imported from, if any.</summary>
    public FimSchemaReference? Fim { get; init; }

    /// <summary>The XÖV message header values of this process, for the XÖV mappers; null when it is not sent as XÖV.</summary>
    public XoevMessageSettings? Xoev { get; init; }

    public required IReadOnlyList<SectionDefinition> Sections { get; init; }

    /// <summary>
    /// The address of the JSON Schema of this process's data: FITKO's address for FIM processes
    /// (<c>https://schema.fitko.de/fim/s…_version.schema.json</c>), else a URN of the gateway's own.
    /// </summary>
    public string DataSchemaUri => Fim is { } fim
        ? $"https://schema.fitko.de/fim/{fim.SchemaId.ToLowerInvariant()}_{fim.Version}.schema.json"
        : $"urn:de:efagateway:process:{Id}:{Version}";

    /// <summary>Every field at any depth, in form order (a field reused in several groups appears each time).</summary>
    public IEnumerable<FieldDefinition> AllFields => Sections.SelectMany(s => Flatten(s.Elements)).OfType<FieldDefinition>();

    /// <summary>The element at a data path such as <c>antragsteller/kinder[1]/vorname</c> (indexes are ignored).</summary>
    public FormElement? FindElement(string path)
    {
        IReadOnlyList<FormElement> level = Sections.SelectMany(s => s.Elements).ToList();
        FormElement? found = null;
        foreach (var segment in FormPath.Segments(path))
        {
            found = level.FirstOrDefault(e => e.Id == segment.Id);
            if (found is null)
            {
                return null;
            }

            level = found is GroupDefinition group ? group.Elements : [];
        }

        return found;
    }

    public FieldDefinition? FindField(string path) => FindElement(path) as FieldDefinition;

    internal static IEnumerable<FormElement> Flatten(IEnumerable<FormElement> elements)
    {
        foreach (var element in elements)
        {
            yield return element;
            if (element is GroupDefinition group)
            {
                foreach (var inner in Flatten(group.Elements))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>Identification of a FIM Stammdatenschema: S-ID and version, as FIT-Connect schema URIs need them.</summary>
public sealed record FimSchemaReference(string SchemaId, string Version);
