using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>The SendXtaPort operations of XTA.wsdl (V3).</summary>
internal static class SendOperations
{
    private static readonly XNamespace Xta = XtaNamespaces.Xta;
    private static readonly XNamespace Meta = XtaNamespaces.OsciMeta;

    /// <summary>
    /// Accepts a transport order when the metadata names this account as Author, its MessageID came from
    /// createMessageId for this account and is unused, and the container's sizes add up; then a transport report is kept.
    /// </summary>
    public static XtaFault? SendMessage(XtaState state, OperationCall call)
    {
        var refusal = Check(state, call);
        if (refusal is not null)
        {
            return refusal;
        }

        var claim = state.ClaimMessageId(call.XtaMessageId!, call.Account);
        if (claim is not null)
        {
            return call.Refuse(claim, claim.Code == "9024"
                ? $"MessageID {call.XtaMessageId} was used before"
                : $"MessageID {call.XtaMessageId} was not issued to this account by createMessageId");
        }

        state.Store(new StoredMessage(call.XtaMessageId!, call.Account, call.MessageMetaData!, call.Now)
        {
            Status = state.Options.InitialTransportStatus,
        });
        return null;
    }

    /// <summary>The fake offers its services asynchronously only: sendMessageSync runs the same checks, then SyncAsyncException 9080.</summary>
    public static XtaFault? SendMessageSync(XtaState state, OperationCall call) =>
        Check(state, call) ?? call.Refuse(XtaFault.SyncAsync("9080"), "the fake offers asynchronous sending only");

    private static XtaFault? Check(XtaState state, OperationCall call)
    {
        var metaData = call.MessageMetaData = call.Header(Meta + "MessageMetaData");
        if (metaData is null)
        {
            return call.Refuse(XtaFault.ParameterIsNotValid("9020"), "no oscimeta:MessageMetaData header");
        }

        call.XtaMessageId = metaData.Element(Meta + "MsgIdentification")?.Element(XtaNamespaces.Addressing + "MessageID")?.Value.Trim();
        var author = metaData.Element(Meta + "Originators")?.Element(Meta + "Author")?.Element(Meta + "Identifier");
        if (!call.Account.Party.SameParty(author))
        {
            return call.Refuse(XtaFault.PermissionDenied("9014"),
                $"Author {author?.Value} ({(string?)author?.Attribute("type")}) is not the account of the client certificate");
        }

        var container = call.Body!.Element(Xta + "ContentContainer");
        if (container is null)
        {
            return null; // xenc:EncryptedData: end-to-end encrypted for the reader, nothing the server can look into.
        }

        long total = 0;
        foreach (var content in container.Elements())
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(content.Value);
            }
            catch (FormatException)
            {
                return call.Refuse(XtaFault.ParameterIsNotValid("9022"), $"{content.Name.LocalName} is not base64");
            }

            if (content.Name.LocalName == "Message")
            {
                call.MessageBytes = bytes.Length;
                var problem = WellFormedIfXml(content, bytes);
                if (problem is not null)
                {
                    return call.Refuse(XtaFault.MessageSchemaViolation("9050"), problem);
                }
            }
            else
            {
                call.AttachmentBytes.Add(bytes.Length);
            }

            total += bytes.Length;
            if ((string?)content.Attribute("size") is { } size && size.Trim() != bytes.Length.ToString(CultureInfo.InvariantCulture))
            {
                return call.Refuse(XtaFault.ParameterIsNotValid("9022"), $"{content.Name.LocalName} @size {size} but {bytes.Length} bytes");
            }
        }

        if (total > state.Options.MaxContentBytes)
        {
            return call.Refuse(XtaFault.ParameterIsNotValid("9023"), $"content of {total} bytes exceeds {state.Options.MaxContentBytes}");
        }

        var msgSize = (string?)metaData.Element(Meta + "MsgSize");
        return state.Options.CheckMsgSize && msgSize is not null && msgSize.Trim() != total.ToString(CultureInfo.InvariantCulture)
            ? call.Refuse(XtaFault.ParameterIsNotValid("9022"), $"MsgSize {msgSize} but the container holds {total} bytes")
            : null;
    }

    /// <summary>
    /// A Message declared as XML must at least parse (DTDs off): otherwise MessageSchemaViolationException 9050. The
    /// fake knows no Fachnachricht schemas, so this is all it can check of "schemakonform".
    /// </summary>
    private static string? WellFormedIfXml(XElement content, byte[] bytes)
    {
        var contentType = ((string?)content.Attribute("contentType") ?? "").Split(';')[0].Trim();
        if (!contentType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) && !contentType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), XtaSchemas.SecureReaderSettings());
            while (reader.Read())
            {
            }

            return null;
        }
        catch (XmlException ex)
        {
            return $"Message ({contentType}) is not well-formed XML: {ex.Message}";
        }
    }
}
