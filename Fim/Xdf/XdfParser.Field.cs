using System.Globalization;
using System.Text.Json;

namespace EfaGateway.Fim.Xdf;

internal sealed partial class XdfParser
{
    private XdfField ReadField()
    {
        var element = cursor.Qualified("datenfeld");
        var common = new CommonParts(this, element);
        string? feldart = null;
        string? datentyp = null;
        var constraints = new XdfConstraints();
        string? content = null;
        XdfCodeListReference? codeList = null;
        var values = new List<XdfValue>();
        var mediaTypes = new List<string>();
        long? maxSize = null;
        string? codeKey = null;
        string? nameKey = null;
        cursor.Children(name =>
        {
            if (common.TryRead(name) || common.TryReadElementText(name))
            {
                return;
            }

            if (name == "mediaType" && version == XdfVersion.V3)
            {
                AddMediaType(mediaTypes);
                return;
            }

            common.Once.Take(name);
            switch (name)
            {
                case "feldart":
                    feldart = common.ReadCode(name, ElementFields.Feldart, string.Join(", ", ElementFields.Feldart));
                    break;
                case "datentyp":
                    datentyp = common.ReadCode(name, ElementFields.Datentyp, string.Join(", ", ElementFields.Datentyp));
                    break;
                case "praezisierung":
                    constraints = version == XdfVersion.V3 ? ReadAttributeConstraints() : ReadJsonConstraints();
                    break;
                case "inhalt":
                    content = cursor.Text();
                    break;
                case "codelisteReferenz":
                    codeList = version == XdfVersion.V3 ? ReadCodeListReferenceV3() : ReadCodeListReferenceV2();
                    break;
                case "codeKey" when version == XdfVersion.V3:
                    codeKey = cursor.Text();
                    break;
                case "nameKey" when version == XdfVersion.V3:
                    nameKey = cursor.Text();
                    break;
                case "werte" when version == XdfVersion.V3:
                    ReadValues(values);
                    break;
                case "maxSize" when version == XdfVersion.V3:
                    var sizeError = cursor.Error($"Invalid {cursor.Qualified(name)}: expected a whole number of bytes");
                    maxSize = long.TryParse(cursor.RequiredText(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                        ? size
                        : throw sizeError;
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });

        var (id, fieldVersion) = common.Identification();
        return Intern(new XdfField
        {
            Id = id,
            Version = fieldVersion,
            Name = common.Name(id),
            Label = common.Label,
            Help = common.Help,
            Rules = common.Rules,
            Feldart = feldart ?? throw cursor.Error($"Missing {cursor.Qualified("feldart")} in {element} {id}"),
            Datentyp = datentyp ?? throw cursor.Error($"Missing {cursor.Qualified("datentyp")} in {element} {id}"),
            Constraints = constraints,
            Content = content,
            CodeList = codeList,
            CodeKey = codeKey,
            NameKey = nameKey,
            Values = values,
            MediaTypes = mediaTypes,
            MaxSize = maxSize,
        });
    }

    private void AddMediaType(List<string> mediaTypes)
    {
        if (cursor.Text() is { } mediaType)
        {
            mediaTypes.Add(mediaType.ToLowerInvariant());
        }
    }

    private XdfConstraints ReadAttributeConstraints()
    {
        var constraints = new XdfConstraints
        {
            MinLength = IntAttribute("minLength"),
            MaxLength = IntAttribute("maxLength"),
            MinValue = NonEmpty(cursor.Attribute("minValue")),
            MaxValue = NonEmpty(cursor.Attribute("maxValue")),
            Pattern = NonEmpty(cursor.Attribute("pattern")),
        };
        cursor.Text();
        return constraints;
    }

    private int? IntAttribute(string name)
    {
        var text = NonEmpty(cursor.Attribute(name));
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw cursor.Error($"Invalid attribute {name}='{text}' of {cursor.Qualified("praezisierung")}: expected a whole number");
    }

    /// <summary>XDF2 keeps Präzisierung as JSON text, e.g. {"minLength":"1","maxLength":"120"}; numbers may be strings.</summary>
    private XdfConstraints ReadJsonConstraints()
    {
        var element = cursor.Qualified("praezisierung");
        var error = cursor.Error($"Invalid JSON in {element}");
        var text = cursor.Text();
        if (text is null)
        {
            return new XdfConstraints();
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw error;
            }

            return new XdfConstraints
            {
                MinLength = JsonInt(json.RootElement, "minLength", error),
                MaxLength = JsonInt(json.RootElement, "maxLength", error),
                MinValue = JsonText(json.RootElement, "minValue"),
                MaxValue = JsonText(json.RootElement, "maxValue"),
                Pattern = JsonText(json.RootElement, "pattern"),
            };
        }
        catch (JsonException)
        {
            throw error;
        }
    }

    private static int? JsonInt(JsonElement json, string name, XdfFormatException error) =>
        JsonText(json, name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw error;

    private static string? JsonText(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => NonEmpty(value.GetString()),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private XdfCodeListReference? ReadCodeListReferenceV3()
    {
        var element = cursor.Qualified("codelisteReferenz");
        var once = new OnceTracker(cursor, element);
        string? canonical = null;
        string? listVersion = null;
        string? versionUri = null;
        cursor.Children(name =>
        {
            once.Take(name);
            switch (name)
            {
                case "canonicalIdentification":
                    canonical = cursor.Text();
                    break;
                case "version":
                    listVersion = cursor.Text();
                    break;
                case "canonicalVersionUri":
                    versionUri = cursor.Text();
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });
        return canonical is null ? null : new XdfCodeListReference(canonical, listVersion, versionUri);
    }

    private XdfCodeListReference? ReadCodeListReferenceV2()
    {
        var element = cursor.Qualified("codelisteReferenz");
        var once = new OnceTracker(cursor, element);
        XdfCodeListReference? reference = null;
        cursor.Children(name =>
        {
            once.Take(name);
            switch (name)
            {
                case "identifikation":
                    ReadIdentification();
                    break;
                case "genericodeIdentification":
                    reference = ReadCodeListReferenceV3();
                    break;
                default:
                    throw Unexpected(name, element);
            }
        });
        return reference;
    }

    private void ReadValues(List<XdfValue> values)
    {
        var element = cursor.Qualified("werte");
        cursor.Children(name =>
        {
            if (name != "wert")
            {
                throw Unexpected(name, element);
            }

            var wert = cursor.Qualified("wert");
            var once = new OnceTracker(cursor, wert);
            string? code = null;
            string? label = null;
            string? help = null;
            cursor.Children(part =>
            {
                once.Take(part);
                switch (part)
                {
                    case "code":
                        code = cursor.RequiredText();
                        break;
                    case "name":
                        label = cursor.RequiredText();
                        break;
                    case "hilfe":
                        help = cursor.Text();
                        break;
                    default:
                        throw Unexpected(part, wert);
                }
            });
            if (code is null || label is null)
            {
                throw cursor.Error($"A {wert} in {element} needs {cursor.Qualified("code")} and {cursor.Qualified("name")}");
            }

            if (values.Any(v => v.Code == code))
            {
                throw cursor.Error($"Duplicate code '{code}' in {element}");
            }

            values.Add(new XdfValue(code, label, help));
        });
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
