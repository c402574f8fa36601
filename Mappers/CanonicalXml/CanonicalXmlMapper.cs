using EfaGateway.Core.Ports;
using EfaGateway.XoevSchemas;

namespace EfaGateway.Mappers.CanonicalXml;

/// <summary>
/// Writes a submission as the project's canonical application XML (<see cref="CanonicalApplicationSchema"/>) and checks
/// its own output against the schema before handing it out, so a receiver never gets a document we would reject.
/// </summary>
public sealed class CanonicalXmlMapper : IMapper
{
    public const string MapperId = "canonical-xml";

    /// <summary>How many schema errors a failure reason names; the first one is usually the cause.</summary>
    private const int ReportedErrors = 3;

    private readonly SchemaCatalog catalog;

    /// <summary>With a catalogue of its own (the schema is compiled on first use).</summary>
    public CanonicalXmlMapper()
        : this(SchemaCatalog.CreateDefault())
    {
    }

    public CanonicalXmlMapper(SchemaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        // A host may hand in a catalogue built for XÖV schemas; make sure ours is in it too.
        catalog.TryAdd(CanonicalApplicationSchema.Source);
    }

    public string Id => MapperId;

    public string MediaType => "application/xml";

    public string FileExtension => "xml";

    public Task<MappingResult> MapAsync(MappingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Map(input));
    }

    /// <summary>The synchronous core of <see cref="MapAsync"/>: all work is CPU-bound and in memory.</summary>
    public MappingResult Map(MappingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Submission.DataJson is null)
        {
            return MappingResult.Failure("The submission's personal data has been purged; there is nothing left to map.");
        }

        byte[] content;
        try
        {
            content = CanonicalDocumentWriter.Write(input.TenantProcess, input.Submission);
        }
        catch (CanonicalMappingException ex)
        {
            return MappingResult.Failure(ex.Message);
        }

        using var stream = new MemoryStream(content, writable: false);
        var errors = catalog.Validate(CanonicalApplicationSchema.Name, stream, maxErrors: ReportedErrors);
        if (errors.Count > 0)
        {
            return MappingResult.Failure(
                $"The canonical XML does not match its schema ({CanonicalApplicationSchema.Namespace}): " +
                string.Join("; ", errors.Select(e => e.ToSafeString())));
        }

        return MappingResult.Success(content);
    }
}
