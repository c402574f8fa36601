using System.Globalization;

namespace EfaGateway.Fim.Xdf;

/// <summary>The element handlers of <see cref="XdfReader"/>; XDF2 and XDF3 share most names, the rest is switched by version.</summary>
internal sealed partial class XdfParser(XmlCursor xmlCursor, XdfVersion xdfVersion)
{
    private readonly XmlCursor cursor = xmlCursor;
    private readonly XdfVersion version = xdfVersion;
    private readonly Dictionary<string, XdfElement> elements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XdfRule> rules = new(StringComparer.Ordinal);

    public XdfDocument ReadMessage(bool isSchemaMessage)
    {
        var root = cursor.Qualified(cursor.LocalName);
        var once = new OnceTracker(cursor, root);
        string? messageId = null;
        XdfSchema? schema = null;
        cursor.Children(name =>
        {
            switch (name)
            {
                case "header":
                    once.Take(name);
                    messageId = ReadHeader();
                    break;
                case "stammdatenschema" when isSchemaMessage:
                    once.Take(name);
                    schema = ReadSchema();
                    break;
                case "datenfeldgruppe" when !isSchemaMessage:
                    once.Take(name);
                    var group = ReadGroup();
                    schema = new XdfSchema { Id = group.Id, Version = group.Version, Name = group.Name, Title = group.Label, Children = [new XdfChild(1, 1, group)] };
                    break;
                default:
                    throw Unexpected(name, root);
            }
        });

        return new XdfDocument(
            version,
            messageId ?? throw cursor.Error($"Missing {cursor.Qualified("header")} in {root}"),
            schema ?? throw cursor.Error($"Missing {cursor.Qualified(isSchemaMessage ? "stammdatenschema" : "datenfeldgruppe")} in {root}"),
            isSchemaMessage);
    }

    private string ReadHeader()
    {
        var header = cursor.Qualified("header");
        var once = new OnceTracker(cursor, header);
        string? messageId = null;
        cursor.Children(name =>
        {
            once.Take(name);
            if (name == "nachrichtID")
            {
                messageId = cursor.RequiredText();
            }
            else
            {
                cursor.Skip();
            }
        });
        return messageId ?? throw cursor.Error($"Missing {cursor.Qualified("nachrichtID")} in {header}");
    }

    private XdfSchema ReadSchema()
    {
        var element = cursor.Qualified("stammdatenschema");
        var common = new CommonParts(this, element);
        string? title = null;
        string? help = null;
        var children = new List<XdfChild>();
        cursor.Children(name =>
        {
            if (common.TryRead(name))
            {
                return;
            }

            switch (name)
            {
                case "bezeichnung" or "bezeichnungEingabe":
                    common.Once.Take(name);
                    title = cursor.Text();
                    break;
                case "hilfetext":
                    common.Once.Take(name);
                    help = cursor.Text();
                    break;
                case "struktur":
                    children.Add(ReadStructure());
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });

        var (id, elementVersion) = common.Identification();
        return new XdfSchema
        {
            Id = id,
            Version = elementVersion,
            Name = common.Name(id),
            Title = title,
            Description = common.Description,
            Help = help,
            Rules = common.Rules,
            Children = children,
        };
    }

    private XdfGroup ReadGroup()
    {
        var element = cursor.Qualified("datenfeldgruppe");
        var common = new CommonParts(this, element);
        var children = new List<XdfChild>();
        cursor.Children(name =>
        {
            if (common.TryRead(name) || common.TryReadElementText(name))
            {
                return;
            }

            if (name != "struktur")
            {
                throw Unexpected(name, element);
            }

            children.Add(ReadStructure());
        });

        var (id, elementVersion) = common.Identification();
        var group = new XdfGroup
        {
            Id = id,
            Version = elementVersion,
            Name = common.Name(id),
            Label = common.Label,
            Help = common.Help,
            Rules = common.Rules,
            Children = children,
        };
        return Intern(group);
    }

    private XdfChild ReadStructure()
    {
        var element = cursor.Qualified("struktur");
        var once = new OnceTracker(cursor, element);
        (int Min, int? Max)? count = null;
        XdfElement? content = null;
        cursor.Children(name =>
        {
            switch (name)
            {
                case "anzahl":
                    once.Take(name);
                    count = ParseCount(cursor.RequiredText());
                    break;
                case "bezug":
                    cursor.Skip();
                    break;
                case "enthaelt":
                    once.Take(name);
                    content = ReadContains();
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });

        var (min, max) = count ?? throw cursor.Error($"Missing {cursor.Qualified("anzahl")} in {element}");
        return new XdfChild(min, max, content ?? throw cursor.Error($"Missing {cursor.Qualified("enthaelt")} in {element}"));
    }

    private XdfElement ReadContains()
    {
        var element = cursor.Qualified("enthaelt");
        XdfElement? content = null;
        cursor.Children(name =>
        {
            if (content is not null)
            {
                throw cursor.Error($"More than one element in {element}");
            }

            content = name switch
            {
                "datenfeld" => ReadField(),
                "datenfeldgruppe" => ReadGroup(),
                _ => throw Unexpected(name, element),
            };
        });
        return content ?? throw cursor.Error($"Empty {element}: a datenfeld or datenfeldgruppe is needed");
    }

    private (int Min, int? Max) ParseCount(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min) &&
            (parts[1] == "*" || (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= Math.Max(min, 1))))
        {
            return (min, parts[1] == "*" ? null : int.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        throw cursor.Error($"Invalid {cursor.Qualified("anzahl")} '{text}': expected min:max with max ≥ min, max ≥ 1 or '*'");
    }

    private T Intern<T>(T element)
        where T : XdfElement
    {
        if (elements.TryGetValue(element.Key, out var known) && known is T same)
        {
            return same;
        }

        elements[element.Key] = element;
        return element;
    }

    private XdfFormatException Unexpected(string localName, string parent) =>
        cursor.Error($"Unexpected element {cursor.Qualified(localName)} in {parent}");
}
