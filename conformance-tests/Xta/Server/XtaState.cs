using System.Collections.Concurrent;
using System.Xml.Linq;
using EfaGateway.Conformance.Xta.Pki;
using EfaGateway.Conformance.Xta.Soap;

namespace EfaGateway.Conformance.Xta.Server;

/// <summary>A message the fake accepted with sendMessage, and its transport report.</summary>
internal sealed class StoredMessage(string messageId, XtaAccount author, XElement metaData, DateTimeOffset acceptedAt)
{
    public string MessageId { get; } = messageId;

    public XtaAccount Author { get; } = author;

    public XElement MetaData { get; } = metaData;

    public DateTimeOffset AcceptedAt { get; } = acceptedAt;

    public XtaTransportStatus Status { get; set; }

    public IReadOnlyList<XtaReportRecord> Errors { get; set; } = [];

    public IReadOnlyList<XtaReportRecord> Warnings { get; set; } = [];

    public IReadOnlyList<XtaReportRecord> Infos { get; set; } = [];

    public DateTimeOffset ReportTime { get; set; } = acceptedAt;

    public bool Cancelled { get; set; }
}

/// <summary>Accounts, readers, MessageIDs, accepted messages, records and injected behaviours of one fake.</summary>
internal sealed class XtaState(FakeXtaServerOptions options)
{
    private readonly ConcurrentDictionary<string, XtaAccount> accountsByThumbprint = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (XtaAccount Account, bool Used)> issuedMessageIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredMessage> messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<XtaOperation, ConcurrentQueue<InjectedBehaviour>> injected = new();
    private readonly List<XtaRequestRecord> records = [];
    private readonly List<string> fakeErrors = [];
    private readonly Lock gate = new();

    public FakeXtaServerOptions Options { get; } = options;

    public TimeProvider Time => Options.TimeProvider;

    public List<XtaReader> Readers { get; } = [.. options.Readers];

    public string ServerIdentity { get; set; } = "";

    public Lock Gate => gate;

    public XtaAccount AddAccount(XtaPartyIdentifier party)
    {
        var (pkcs12, password, certificate) = XtaTestPki.Instance.IssueClientCertificate($"XTA Autor {party.Value}");
        var account = new XtaAccount(party, pkcs12, password, certificate);
        accountsByThumbprint[certificate.Thumbprint] = account;
        return account;
    }

    public XtaAccount? AccountOf(string thumbprint) => accountsByThumbprint.GetValueOrDefault(thumbprint);

    public string IssueMessageId(XtaAccount account)
    {
        // Our reading: XTA leaves the form of a MessageID to the server; a URN keeps it a valid wsa:MessageID (anyURI).
        var id = $"urn:de:xta:messageid:efagw-fake:{Guid.NewGuid():D}";
        issuedMessageIds[id] = (account, false);
        return id;
    }

    /// <summary>Null when the id may be used now (and marks it used), otherwise the fault.</summary>
    public XtaFault? ClaimMessageId(string id, XtaAccount account)
    {
        lock (gate)
        {
            if (!issuedMessageIds.TryGetValue(id, out var issued) || issued.Account != account)
            {
                // Our reading: a MessageID this account never got from createMessageId is an invalid parameter combination.
                return XtaFault.ParameterIsNotValid("9022");
            }

            if (issued.Used)
            {
                return XtaFault.ParameterIsNotValid("9024");
            }

            issuedMessageIds[id] = (account, true);
            return null;
        }
    }

    public void Store(StoredMessage message) => messages[message.MessageId] = message;

    public StoredMessage? MessageOf(string id, XtaAccount account) =>
        messages.TryGetValue(id, out var message) && message.Author == account ? message : null;

    public StoredMessage? MessageOf(string id) => messages.GetValueOrDefault(id);

    public IReadOnlyList<StoredMessage> Messages => [.. messages.Values.OrderBy(m => m.AcceptedAt)];

    public void Inject(XtaOperation operation, InjectedBehaviour behaviour) =>
        injected.GetOrAdd(operation, _ => new ConcurrentQueue<InjectedBehaviour>()).Enqueue(behaviour);

    public InjectedBehaviour? TakeInjected(XtaOperation operation) =>
        injected.TryGetValue(operation, out var queue) && queue.TryDequeue(out var behaviour) ? behaviour : null;

    public void Record(XtaRequestRecord record)
    {
        lock (gate)
        {
            records.Add(record);
        }
    }

    public IReadOnlyList<XtaRequestRecord> Records
    {
        get
        {
            lock (gate)
            {
                return [.. records];
            }
        }
    }

    /// <summary>Answers the fake refused to send because they broke the schemas: bugs in the fake.</summary>
    public void RecordFakeError(string error)
    {
        lock (gate)
        {
            fakeErrors.Add(error);
        }
    }

    public IReadOnlyList<string> FakeErrors
    {
        get
        {
            lock (gate)
            {
                return [.. fakeErrors];
            }
        }
    }
}
