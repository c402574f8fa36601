using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Fim.CodeLists;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;
using EfaGateway.Mappers.FimJson;
using EfaGateway.Mappers.Tests.Support;
using EfaGateway.TestSupport;

namespace EfaGateway.Mappers.Tests.FimJson;

public sealed class FimJsonMapperTests
{
    private readonly FimJsonMapper mapper = new();

    public static TheoryData<string> RealSchemas() =>
        [.. Directory.GetFiles(Path.Combine(Fixtures.FimSamples, "xdf3"), "*.xml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(RealSchemas))]
    public async Task A_valid_application_of_every_FIM_sample_maps_to_json_that_its_generated_schema_accepts(string file)
    {
        var process = Import(file);
        var input = InputFor(process, out var files);

        var result = await mapper.MapAsync(input, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        var json = JsonNode.Parse(result.Content!)!.AsObject();
        Assert.Equal($"https://schema.fitko.de/fim/{file.Split('_')[0].ToLowerInvariant()}_{file.Split('_')[1]}.schema.json",
            FimJsonSchema.Generate(process)["$id"]!.GetValue<string>());
        foreach (var upload in files)
        {
            Assert.Contains(upload.FileName, json.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Data_that_breaks_the_generated_schema_is_a_mapping_failure_naming_the_place()
    {
        var process = Import("S00000000364_1.0.0_xdf3.xml");
        var input = InputFor(process, out _);
        var data = JsonNode.Parse(input.Submission.DataJson!)!.AsObject();
        data["F60000000319"] = new string('x', 1001);
        var broken = input with { Submission = With(input.Submission, data.ToJsonString()) };

        var result = await mapper.MapAsync(broken, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("/F60000000319", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_of_our_own_gets_a_urn_as_its_schema_id()
    {
        Assert.Equal("urn:de:efagateway:process:hundesteuer-anmeldung:1.2", FimJsonSchema.SchemaUri(SampleApplication.Process with { Id = "hundesteuer-anmeldung", Version = "1.2" }));
    }

    private static ProcessDefinition Import(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures.FimSamples, "xdf3", file));
        return XdfImporter.Import(XdfReader.Read(stream), new ImportOptions
        {
            CodeLists = CodeListCatalog.FromDirectory(Fixtures.CodeLists),
            MissingCodeLists = MissingCodeListMode.Text,
        }).Definition;
    }

    private static MappingInput InputFor(ProcessDefinition process, out List<IncomingAttachment> files)
    {
        var (data, generated) = ValidDataGenerator.For(process);
        files = generated;
        using var document = JsonDocument.Parse(data.ToJsonString());
        var normalized = SubmissionValidator.Validate(process, document.RootElement, files).NormalizedDataJson!;
        var attachments = files.Select(f => new Attachment(Guid.NewGuid(), f.FieldId, f.FileName, f.MediaType, f.Length,
            Convert.ToHexStringLower(SHA256.HashData(f.Content.Span)), "blobs/x")).ToList();
        var submission = new Submission(Guid.NewGuid(), SampleApplication.Vorgangsnummer, "musterstadt", process.Id, process.Version,
            normalized, SampleApplication.ReceivedAt, attachments);
        return new MappingInput(SampleApplication.TenantProcess(process), submission);
    }

    private static Submission With(Submission submission, string dataJson) =>
        new(submission.Id, submission.Vorgangsnummer, submission.TenantId, submission.ProcessId, submission.ProcessVersion,
            dataJson, submission.ReceivedAt, submission.Attachments);
}
