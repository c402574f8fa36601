using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Xsl;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.XoevSchemas;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xoev;

/// <summary>
/// Writes a submission as an XÖV message of one standard: the canonical application XML (from
/// <see cref="CanonicalXmlMapper"/>, already checked against its own schema) goes through the stylesheet of the
/// process's Nachrichtentyp, with the header values as XSLT parameters, and the result must pass the standard's
/// official XSDs. Every failure is permanent: the same submission would fail the same way on a retry.
/// </summary>
public sealed class XoevMapper : IMapper
{
    /// <summary>How many schema errors a failure reason names; the first one is usually the cause.</summary>
    private const int ReportedErrors = 3;

    private static readonly XmlWriterSettings OutputSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    private readonly XoevStandard standard;
    private readonly CanonicalXmlMapper canonical;
    private readonly XoevSchemaSets schemas;
    private readonly IOptions<XoevOptions> options;

    public XoevMapper(XoevStandard standard, CanonicalXmlMapper canonical, XoevSchemaSets schemas, IOptions<XoevOptions> options)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(options);
        this.standard = standard;
        this.canonical = canonical;
        this.schemas = schemas;
        // Read on use, not here: the host checks the options at start-up (ValidateOnStart) and reports every gap there.
        this.options = options;
    }

    public string Id => standard.MapperId;

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
        var tenantProcess = input.TenantProcess;
        var process = tenantProcess.Process;
        if (process.Xoev is not { } settings)
        {
            return MappingResult.Failure(
                $"Process '{process.Id}' has no xoev block in its definition; the {Id} mapper needs its Nachrichtentyp.");
        }

        if (!standard.Messages.TryGetValue(settings.Nachrichtentyp.Code, out var message))
        {
            return MappingResult.Failure(
                $"The {Id} mapper cannot write Nachrichtentyp '{settings.Nachrichtentyp.Code}' (process '{process.Id}'); " +
                $"it writes {string.Join(", ", standard.Messages.Keys.Order(StringComparer.Ordinal))}.");
        }

        if (!options.Value.Tenants.TryGetValue(tenantProcess.TenantId, out var tenant) || tenant.Autor is null || tenant.Leser is null)
        {
            return MappingResult.Failure(
                $"No XÖV autor and leser are configured for tenant '{tenantProcess.TenantId}' ({XoevOptions.SectionName}:Tenants:{tenantProcess.TenantId}).");
        }

        var canonicalResult = canonical.Map(input);
        if (!canonicalResult.Succeeded)
        {
            return canonicalResult;
        }

        byte[] content;
        try
        {
            content = Transform(message, canonicalResult.Content!, HeaderParameters(input, settings, tenant));
        }
        catch (XsltException ex)
        {
            // A stylesheet's own <xsl:message terminate="yes"> says which required value is missing; it names no data.
            return MappingResult.Failure($"The {Id} stylesheet for {message.Name} stopped: {ex.Message}");
        }

        using var stream = new MemoryStream(content, writable: false);
        var errors = schemas.Validate(standard, message, stream, ReportedErrors);
        if (errors.Count > 0)
        {
            return MappingResult.Failure(
                $"The {message.Name} message does not match the official {Id} XSDs ({message.RootSchema}): " +
                string.Join("; ", errors.Select(e => e.ToSafeString())));
        }

        return MappingResult.Success(content);
    }

    private static byte[] Transform(XoevMessageType message, byte[] canonicalXml, XsltArgumentList parameters)
    {
        var stylesheet = XoevStylesheets.Get(message.Stylesheet);
        using var source = new MemoryStream(canonicalXml, writable: false);
        using var reader = XmlReader.Create(source, SecureXml.CreateReaderSettings());
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, OutputSettings))
        {
            stylesheet.Transform(reader, parameters, writer, documentResolver: null);
        }

        // A final line break, like the canonical XML (golden files are compared as text files).
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private XsltArgumentList HeaderParameters(MappingInput input, XoevMessageSettings settings, XoevTenantOptions tenant)
    {
        var product = options.Value;
        var submission = input.Submission;
        var parameters = new XsltArgumentList();
        void Add(string name, string? value) => parameters.AddParam(name, string.Empty, value ?? string.Empty);

        Add("nachrichtenUUID", FormatUuid(MessageUuid.For(submission.Id, Id)));
        Add("nachrichtentypCode", settings.Nachrichtentyp.Code);
        Add("nachrichtentypListURI", settings.Nachrichtentyp.ListUri);
        Add("nachrichtentypListVersionID", settings.Nachrichtentyp.ListVersionId);
        // The time the application was received, not the time of this attempt: a retry must send the very same message
        // (same nachrichtenUUID, same bytes), and the message says when the application was made.
        Add("erstellungszeitpunkt", submission.ReceivedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture));
        AddAuthority(Add, "leser", tenant.Leser!);
        AddAuthority(Add, "autor", tenant.Autor!);
        Add("produkt", product.Produkt);
        Add("produkthersteller", product.Produkthersteller);
        Add("produktversion", product.Produktversion ?? typeof(XoevMapper).Assembly.GetName().Version?.ToString(3));
        Add("standard", settings.Standard);
        Add("version", settings.Version);
        Add("test", tenant.Test ? "true" : "false");
        // The gateway is the Antragsservice; its id of the application is the submission id.
        Add("referenzAntragsservice", FormatUuid(submission.Id));
        return parameters;
    }

    private static void AddAuthority(Action<string, string?> add, string role, XoevAuthorityOptions authority)
    {
        add($"{role}Verzeichnisdienst", authority.Verzeichnisdienst);
        add($"{role}VerzeichnisdienstListVersionID", authority.VerzeichnisdienstListVersionId);
        add($"{role}Kennung", authority.Kennung);
        add($"{role}Name", authority.Name);
    }

    private static string FormatUuid(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
