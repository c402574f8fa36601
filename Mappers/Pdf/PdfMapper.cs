using System.Diagnostics;
using System.Text.Json;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.Pdf;

/// <summary>
/// Renders a submission as an A4 PDF summary for staff (Postkorb) and as the citizen's receipt. Fonts are embedded
/// in the assembly, so it runs on a bare Linux host.
/// </summary>
public sealed class PdfMapper : IMapper
{
    public const string MapperId = "pdf";

    public string Id => MapperId;

    public string MediaType => "application/pdf";

    public string FileExtension => "pdf";

    /// <summary>
    /// Renders a tiny document so the first real one does not pay PDFsharp's start-up (font parsing, JIT: ~175 ms).
    /// Call once at host start; returns how long it took.
    /// </summary>
    public static TimeSpan WarmUp()
    {
        var watch = Stopwatch.StartNew();
        var process = new ProcessDefinition
        {
            Id = "warm-up",
            Version = "1",
            Title = new LocalizedText("Aufwärmen"),
            Sections =
            [
                new SectionDefinition
                {
                    Id = "s",
                    Title = new LocalizedText("Abschnitt"),
                    Elements = [new FieldDefinition { Id = "f", Label = new LocalizedText("Feld"), Type = FieldType.Text }],
                },
            ],
        };
        var tenantProcess = new TenantProcess { TenantId = "warm-up", TenantName = "Aufwärmen", Process = process, Routes = [] };
        var submission = new Submission(Guid.Empty, "2000-0000-0000", "warm-up", "warm-up", "1", """{"f":"ÄÖÜ äöü ß"}""",
            new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), []);
        _ = Render(new MappingInput(tenantProcess, submission));
        return watch.Elapsed;
    }

    public Task<MappingResult> MapAsync(MappingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Render(input));
    }

    /// <summary>The synchronous core of <see cref="MapAsync"/>: all work is CPU-bound and in memory.</summary>
    public static MappingResult Render(MappingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Submission.DataJson is not { } json)
        {
            return MappingResult.Failure("The submission's personal data has been purged; there is nothing left to render.");
        }

        JsonDocument data;
        try
        {
            data = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // The parser's message may quote part of the data, so it is not passed on.
            return MappingResult.Failure("The submission data is not valid JSON.");
        }

        using (data)
        {
            if (data.RootElement.ValueKind != JsonValueKind.Object)
            {
                return MappingResult.Failure("The submission data is not a JSON object.");
            }

            return MappingResult.Success(SummaryRenderer.Render(input.TenantProcess, input.Submission, data.RootElement));
        }
    }
}
