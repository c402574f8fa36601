using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EfaGateway.XoevSchemas;

/// <summary>
/// The schemas the gateway validates against, by name, each compiled once on first use and then shared: compiling costs
/// milliseconds, validating with a compiled set a fraction of one. Thread-safe; a compiled <see cref="XmlSchemaSet"/>
/// is only read afterwards, which is safe from many threads.
/// </summary>
public sealed class SchemaCatalog
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly XmlResolver resolver;

    /// <param name="resolver">
    /// Resolves includes and imports while compiling; defaults to one that refuses everything (self-contained schemas).
    /// Use a <see cref="LocalSchemaResolver"/> mapping the official URLs to local copies for XÖV schemas.
    /// </param>
    public SchemaCatalog(XmlResolver? resolver = null)
    {
        this.resolver = resolver ?? new LocalSchemaResolver();
    }

    public IReadOnlyList<string> Names => entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A catalogue with the project's own schemas (see <see cref="CanonicalApplicationSchema"/>).</summary>
    public static SchemaCatalog CreateDefault(XmlResolver? resolver = null)
    {
        var catalog = new SchemaCatalog(resolver);
        catalog.TryAdd(CanonicalApplicationSchema.Source);
        return catalog;
    }

    /// <summary>Registers a schema; nothing is compiled yet. False when the name is taken.</summary>
    public bool TryAdd(SchemaSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return entries.TryAdd(source.Name, new Entry(source));
    }

    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>
    /// The compiled schema set. Throws <see cref="SchemaCatalogException"/> when the schema does not compile cleanly
    /// (warnings count: an unresolved import is only a warning, and would silently make validation lax).
    /// </summary>
    public XmlSchemaSet GetSchemaSet(string name) =>
        entries.TryGetValue(name, out var entry)
            ? entry.Get(resolver)
            : throw new KeyNotFoundException($"No schema named '{name}' is in the catalogue.");

    public IReadOnlyList<XmlValidationError> Validate(string name, Stream xml, int maxErrors = XsdValidator.DefaultMaxErrors) =>
        XsdValidator.Validate(GetSchemaSet(name), xml, maxErrors);

    public IReadOnlyList<XmlValidationError> Validate(string name, XDocument document, int maxErrors = XsdValidator.DefaultMaxErrors) =>
        XsdValidator.Validate(GetSchemaSet(name), document, maxErrors);

    private static XmlSchemaSet Compile(SchemaSource source, XmlResolver resolver)
    {
        var problems = new List<string>();
        void Collect(object? sender, ValidationEventArgs e) =>
            problems.Add($"{e.Severity} at line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");

        var set = new XmlSchemaSet { XmlResolver = resolver };
        set.ValidationEventHandler += Collect;
        try
        {
            using var stream = source.Open();
            using var reader = XmlReader.Create(stream, SecureXml.CreateReaderSettings(), source.BaseUri?.AbsoluteUri);
            var schema = XmlSchema.Read(reader, Collect);
            if (schema is not null)
            {
                set.Add(schema);
                set.Compile();
            }
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException or IOException)
        {
            problems.Add(ex.Message);
        }

        return problems.Count == 0 ? set : throw new SchemaCatalogException(source.Name, problems);
    }

    /// <summary>Compiles on first use. A failure is not cached, so a fixed file is picked up on the next call.</summary>
    private sealed class Entry(SchemaSource source)
    {
        private readonly Lock gate = new();
        private XmlSchemaSet? compiled;

        public XmlSchemaSet Get(XmlResolver resolver)
        {
            var set = Volatile.Read(ref compiled);
            if (set is not null)
            {
                return set;
            }

            lock (gate)
            {
                compiled ??= Compile(source, resolver);
                return compiled;
            }
        }
    }
}

/// <summary>A catalogue schema that does not compile; lists every problem (these are schema texts, no personal data).</summary>
public sealed class SchemaCatalogException(string name, IReadOnlyList<string> problems)
    : Exception($"Schema '{name}' does not compile: {string.Join(" | ", problems)}")
{
    public string SchemaName { get; } = name;

    public IReadOnlyList<string> Problems { get; } = problems;
}
