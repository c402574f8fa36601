using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Soap;
using Microsoft.AspNetCore.Http;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>
/// One HTTP POST on a port: read the envelope with WCF's encoders, check addressing, account, schemas and parameters,
/// apply an injected behaviour, run the operation, validate the answer against the schemas, record, answer.
/// </summary>
internal sealed class SoapEndpoint(XtaState state, XtaPort port)
{
    public async Task HandleAsync(HttpContext context)
    {
        var now = state.Time.GetUtcNow();
        var mtom = SoapCodec.IsMtom(context.Request.ContentType);
        var record = new XtaRequestRecord { ReceivedAt = now, Port = port, Mtom = mtom };
        ParsedRequest request;
        try
        {
            request = await ParsedRequest.ReadAsync(context.Request);
        }
        catch (Exception ex) when (ex is FormatException or XmlException or CommunicationException or InvalidDataException)
        {
            state.Record(record with { Problems = [$"not a SOAP 1.2 envelope: {ex.Message}"], Outcome = "ParameterIsNotValidException 9020" });
            await AnswerAsync(context, SoapFaults.Xta(XtaFault.ParameterIsNotValid("9020")), SoapFaults.AddressingFaultAction, null, mtom);
            return;
        }

        record = record with { Action = request.Action, AddressingMessageId = request.MessageId };
        if (!XtaOperations.TryFind(port, request.Action, out var operation))
        {
            state.Record(record with { Problems = [$"action '{request.Action}' is not an operation of {port}"], Outcome = "wsa:ActionNotSupported" });
            await AnswerAsync(context, SoapFaults.Addressing("ActionNotSupported", $"{request.Action} wird von {port} nicht unterstützt."),
                SoapFaults.AddressingFaultAction, request.MessageId, mtom);
            return;
        }

        record = record with { Operation = operation };
        if (request.MessageId is null)
        {
            state.Record(record with { Problems = ["no wsa:MessageID"], Outcome = "wsa:MessageAddressingHeaderRequired" });
            await AnswerAsync(context, SoapFaults.Addressing("MessageAddressingHeaderRequired", "wsa:MessageID fehlt."),
                SoapFaults.AddressingFaultAction, null, mtom);
            return;
        }

        var account = context.Connection.ClientCertificate is { } certificate ? state.AccountOf(certificate.Thumbprint) : null;
        record = record with { Account = account?.Party };
        var call = account is null ? null : new OperationCall(operation, account, request.XtaHeaders, request.Body, now);
        var fault = account is null ? XtaFault.PermissionDenied("9012")
            : account.Locked ? XtaFault.PermissionDenied("9011")
            : RequestChecks.Check(call!, request);
        var injected = fault is null ? state.TakeInjected(operation) : null;
        if (injected is InjectedBehaviour.Delay delay)
        {
            await Task.Delay(delay.Duration, state.Time, context.RequestAborted);
        }

        if (injected is InjectedBehaviour.Fault injectedFault)
        {
            fault = injectedFault.Value;
        }
        else if (fault is null && injected is not (InjectedBehaviour.DropConnection or InjectedBehaviour.HttpError))
        {
            fault = Run(operation, call!);
        }

        record = record with
        {
            Valid = account is not null && request.Problems.Count == 0 && (call?.Problems.Count ?? 0) == 0,
            WellFormed = account is not null && request.Problems.Count == 0,
            Problems = [.. request.Problems, .. call?.Problems ?? []],
            XtaMessageId = call?.XtaMessageId,
            MessageMetaData = call?.MessageMetaData,
            MessageBytes = call?.MessageBytes,
            AttachmentBytes = call?.AttachmentBytes ?? [],
            Outcome = injected switch
            {
                InjectedBehaviour.DropConnection => "dropped",
                InjectedBehaviour.DropAnswer => "answer dropped",
                InjectedBehaviour.HttpError error => $"HTTP {error.Status}",
                InjectedBehaviour.MalformedAnswer => "malformed answer",
                _ => fault is null ? "ok" : $"{fault.ElementName} {fault.Code}",
            },
        };
        state.Record(record);
        if (injected is InjectedBehaviour.DropConnection or InjectedBehaviour.DropAnswer)
        {
            context.Abort();
            return;
        }

        if (injected is InjectedBehaviour.HttpError httpError)
        {
            await AnswerRawAsync(context, httpError.Status, "text/html; charset=utf-8",
                $"<html><body><h1>{httpError.Status}</h1><p>Der Dienst ist vorübergehend nicht erreichbar.</p></body></html>");
            return;
        }

        if (injected is InjectedBehaviour.MalformedAnswer)
        {
            // The work is done; what comes back is the start of an envelope that breaks off (as a garbling proxy would).
            await AnswerRawAsync(context, StatusCodes.Status200OK, $"application/soap+xml; charset=utf-8; action=\"{XtaOperations.ActionOf(operation)}\"",
                "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><xta:Mess");
            return;
        }

        var answer = fault is not null ? SoapFaults.Xta(fault) : call!.ResponseBody;
        EnsureValid(answer, operation);
        await AnswerAsync(context, answer, XtaOperations.ActionOf(operation), request.MessageId, mtom);
    }

    private XtaFault? Run(XtaOperation operation, OperationCall call) => operation switch
    {
        XtaOperation.CheckAccountActive => ManagementOperations.CheckAccountActive(call),
        XtaOperation.LookupService => ManagementOperations.LookupService(state, call),
        XtaOperation.CreateMessageId => ManagementOperations.CreateMessageId(state, call),
        XtaOperation.GetTransportReport => ManagementOperations.GetTransportReport(state, call),
        XtaOperation.CancelMessage => ManagementOperations.CancelMessage(state, call),
        XtaOperation.SendMessage => SendOperations.SendMessage(state, call),
        XtaOperation.SendMessageSync => SendOperations.SendMessageSync(state, call),
        _ => throw new InvalidOperationException($"No handler for {operation}."),
    };

    /// <summary>An answer that breaks the schemas is a bug in the fake: it is recorded and the request fails with HTTP 500.</summary>
    private void EnsureValid(XElement? answerElement, XtaOperation operation)
    {
        if (answerElement is null)
        {
            return;
        }

        var problems = XtaSchemas.Validate(answerElement);
        if (problems.Count > 0)
        {
            var error = $"BUG in the fake XTA server: its {operation} answer {answerElement.Name} breaks the XTA 2 V3 schemas: {string.Join("; ", problems)}";
            state.RecordFakeError(error);
            throw new InvalidOperationException(error);
        }
    }

    private static async Task AnswerRawAsync(HttpContext context, int status, string contentType, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Sends <paramref name="body"/> (null: an empty body) with the action and wsa:RelatesTo.</summary>
    private static async Task AnswerAsync(HttpContext context, XElement? body, string action, string? relatesTo, bool mtom)
    {
        var isFault = body?.Name == XtaNamespaces.Soap12 + "Fault";
        using var reply = body is null
            ? Message.CreateMessage(SoapCodec.Version, action)
            : Message.CreateMessage(SoapCodec.Version, action, body.CreateReader());
        if (relatesTo is not null)
        {
            reply.Headers.RelatesTo = new UniqueId(relatesTo);
        }

        var (bytes, contentType) = await SoapCodec.WriteAsync(reply, mtom);
        // Our reading: SOAP 1.2's HTTP binding would allow 400 for Sender faults; XTA servers (CXF, Metro) answer 500.
        context.Response.StatusCode = isFault ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
