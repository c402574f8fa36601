namespace EfaGateway.Fim.Xdf;

internal sealed partial class XdfParser
{
    /// <summary>The children schemas, groups and fields share: identification, name, description, status, rules, metadata.</summary>
    private sealed class CommonParts(XdfParser parser, string element)
    {
        private readonly List<XdfRule> rules = [];
        private (string Id, string? Version)? identification;
        private string? name;

        public OnceTracker Once { get; } = new(parser.cursor, element);

        public string? Description { get; private set; }

        public string? Label { get; private set; }

        public string? Help { get; private set; }

        public IReadOnlyList<XdfRule> Rules => rules;

        private XmlCursor Cursor => parser.cursor;

        public bool TryRead(string localName)
        {
            switch (localName)
            {
                case "identifikation":
                    Once.Take(localName);
                    identification = parser.ReadIdentification();
                    return true;
                case "name":
                    Once.Take(localName);
                    name = Cursor.Text();
                    return true;
                case "beschreibung":
                    Once.Take(localName);
                    Description = Cursor.Text();
                    return true;
                case "freigabestatus" when parser.version == XdfVersion.V3:
                    Once.Take(localName);
                    ReadCode(localName, ElementFields.Freigabestatus, "1 to 8");
                    return true;
                case "status" when parser.version == XdfVersion.V2:
                    Once.Take(localName);
                    Cursor.Code();
                    return true;
                case "schemaelementart":
                    Once.Take(localName);
                    ReadCode(localName, ElementFields.Schemaelementart, "ABS, HAR or RNG");
                    return true;
                case "regel":
                    rules.Add(parser.ReadRule());
                    return true;
                case var single when ElementFields.SingleMetadata.Contains(single):
                    Once.Take(localName);
                    Cursor.Skip();
                    return true;
                case var repeated when ElementFields.RepeatedMetadata.Contains(repeated):
                    Cursor.Skip();
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The label and help text of groups and fields.</summary>
        public bool TryReadElementText(string localName)
        {
            switch (localName)
            {
                case "bezeichnungEingabe":
                    Once.Take(localName);
                    Label = Cursor.Text();
                    return true;
                case "hilfetextEingabe":
                    Once.Take(localName);
                    Help = Cursor.Text();
                    return true;
                default:
                    return false;
            }
        }

        public (string Id, string? Version) Identification() =>
            identification ?? throw Cursor.Error($"Missing {Cursor.Qualified("identifikation")} in {element}");

        public string Name(string id) => name ?? throw Cursor.Error($"Missing {Cursor.Qualified("name")} in {element} {id}");

        public string ReadCode(string localName, HashSet<string> allowed, string expected)
        {
            var error = Cursor.Error($"Invalid code in {Cursor.Qualified(localName)}");
            var code = Cursor.Code();
            return allowed.Contains(code) ? code : throw new XdfFormatException($"{error.Message.TrimEnd('.')}: '{code}', expected {expected}.");
        }
    }

    private (string Id, string? Version) ReadIdentification()
    {
        var element = cursor.Qualified("identifikation");
        var once = new OnceTracker(cursor, element);
        string? id = null;
        string? elementVersion = null;
        cursor.Children(name =>
        {
            switch (name)
            {
                case "id":
                    once.Take(name);
                    id = cursor.RequiredText();
                    break;
                case "version":
                    once.Take(name);
                    elementVersion = cursor.Text();
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });
        return (id ?? throw cursor.Error($"Missing {cursor.Qualified("id")} in {element}"), elementVersion);
    }

    private XdfRule ReadRule()
    {
        var element = cursor.Qualified("regel");
        var common = new CommonParts(this, element);
        string? freeText = null;
        string? definition = null;
        string? script = null;
        string? type = null;
        cursor.Children(name =>
        {
            switch (name)
            {
                case "definition":
                    common.Once.Take(name);
                    definition = cursor.Text();
                    break;
                case "freitextRegel" when version == XdfVersion.V3:
                    common.Once.Take(name);
                    freeText = cursor.Text();
                    break;
                case "script" when version == XdfVersion.V2:
                case "skript" when version == XdfVersion.V3:
                    common.Once.Take(name);
                    script = cursor.Text();
                    break;
                case "typ" when version == XdfVersion.V3:
                    common.Once.Take(name);
                    type = cursor.Code();
                    break;
                case "bezeichnungEingabe":
                    common.Once.Take(name);
                    cursor.Skip();
                    break;
                default:
                    if (!common.TryRead(name))
                    {
                        throw Unexpected(name, element);
                    }

                    break;
            }
        });

        var (id, ruleVersion) = common.Identification();
        var rule = new XdfRule
        {
            Id = id,
            Version = ruleVersion,
            Name = null,
            FreeText = freeText ?? definition,
            Script = script,
            Type = type,
        };
        var key = $"{id}:{ruleVersion}";
        return rules.TryGetValue(key, out var known) ? known : rules[key] = rule;
    }
}
