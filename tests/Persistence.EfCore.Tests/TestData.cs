using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Drafts;
using EfaGateway.Core.Postkorb;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Persistence.Tests;

/// <summary>Domain objects for store tests. Values are made up; nothing here is real personal data.</summary>
internal static class TestData
{
    public const string TenantId = "musterstadt";
    public const string ProcessId = "hundesteuer";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public const string ProcessJson = """
        {
          "id": "hundesteuer",
          "version": "1.0",
          "title": { "de": "Anmeldung zur Hundesteuer" },
          "sections": [
            { "id": "halter", "title": { "de": "Halter" },
              "fields": [ { "id": "name", "label": { "de": "Name" }, "type": "text", "required": true } ] }
          ]
        }
        """;

    public static Submission Submission(DateTimeOffset? receivedAt = null, int attachments = 1, string tenantId = TenantId,
        string? vorgangsnummer = null)
    {
        var at = receivedAt ?? Now;
        var id = Guid.NewGuid();
        var files = Enumerable.Range(0, attachments)
            .Select(i =>
            {
                var attachmentId = Guid.NewGuid();
                return new Attachment(attachmentId, "nachweis", $"impfpass-{i}.pdf", "application/pdf", 1000 + i,
                    new string('a', 64), $"submissions/{id:N}/attachments/{attachmentId:N}");
            })
            .ToList();
        return new Submission(id, vorgangsnummer ?? Vorgangsnummer.Create(at), tenantId, ProcessId, "1.0",
            """{"name":"Erika Mustermann"}""", at, files);
    }

    public static Delivery Delivery(Submission submission, DateTimeOffset? createdAt = null, string transportId = "fitconnect",
        Guid? id = null, IEnumerable<string>? mapperIds = null) =>
        Core.Deliveries.Delivery.Create(id ?? Guid.NewGuid(), submission.Id, submission.TenantId, submission.ProcessId, transportId,
            mapperIds ?? ["xml", "pdf"], "postkorb", createdAt ?? Now);

    public static PostkorbItem PostkorbItem(Guid submissionId, DateTimeOffset providedAt, int retentionDays = 90,
        string processId = ProcessId, int files = 2)
    {
        var id = Guid.NewGuid();
        return new PostkorbItem(id, TenantId, processId, submissionId, Guid.NewGuid(), "2026-ABCD-EFGH", providedAt,
            TimeSpan.FromDays(retentionDays),
            Enumerable.Range(0, files).Select(i => new PostkorbFile($"antrag-{i}.pdf", "application/pdf", 500 + i, new string('b', 64),
                $"postkorb/{id:N}/{i}")));
    }

    public static Draft Draft(DateTimeOffset savedAt) =>
        new(Guid.NewGuid(), TenantId, ProcessId, "1.0", """{"name":"Max"}""", "pbkdf2-sha256$600000$c2FsdA$aGFzaA", savedAt);

    public static RetryOptions Retry { get; } = new();
}
