using System.Text.Json.Nodes;
using EfaGateway.Core.Ports;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Mappers.Tests.Support;

/// <summary>An application with a nested group, a repeating group with files per instance and the FIM-only types.</summary>
public static class NestedApplication
{
    public static readonly ProcessDefinition Process = ProcessDefinitionJson.Parse("""
        { "id": "kindertagespflege", "version": "1.0.0", "title": { "de": "Erlaubnis zur Kindertagespflege" },
          "fim": { "schemaId": "S05000001299", "version": "1.0.0" },
          "sections": [ { "id": "G05000011684", "title": { "de": "Antragstellende Person" }, "fields": [
            { "id": "G05000011684", "label": { "de": "Antragstellende Person" }, "type": "group", "fields": [
              { "id": "F60000000227", "label": { "de": "Familienname" }, "type": "text_latin" },
              { "id": "G60000000086", "label": { "de": "Anschrift" }, "type": "group", "minOccurs": 0, "fields": [
                { "id": "F60000000243", "label": { "de": "Straße" }, "type": "text" },
                { "id": "F60000000246", "label": { "de": "Postleitzahl" }, "type": "text" } ] } ] },
            { "id": "G05000011702", "label": { "de": "Kinder im Haushalt" }, "type": "group", "minOccurs": 0, "unbounded": true, "fields": [
              { "id": "F60000000228", "label": { "de": "Vorname" }, "type": "text" },
              { "id": "F05000017577", "label": { "de": "Haushaltsbescheinigung" }, "type": "file" } ] },
            { "id": "F1", "label": { "de": "Betreuungsbeginn" }, "type": "datetime" },
            { "id": "F2", "label": { "de": "Tägliche Betreuung ab" }, "type": "time" },
            { "id": "F3", "label": { "de": "Monatlicher Beitrag" }, "type": "num_currency" } ] } ] }
        """);

    public static readonly Guid FirstFile = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    public static readonly Guid SecondFile = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    public static MappingInput Input()
    {
        var data = new JsonObject
        {
            ["G05000011684"] = new JsonObject
            {
                ["F60000000227"] = "Łukasiewicz",
                ["G60000000086"] = new JsonObject { ["F60000000243"] = "Lindenweg 3", ["F60000000246"] = "01067" },
            },
            ["G05000011702"] = new JsonArray(
                new JsonObject { ["F60000000228"] = "Ida" },
                new JsonObject { ["F60000000228"] = "Ole" }),
            ["F1"] = "2027-01-04T07:30",
            ["F2"] = "07:30",
            ["F3"] = 1234.5m,
        };
        var attachments = new[]
        {
            new Attachment(FirstFile, "G05000011702[0]/F05000017577", "ida.pdf", "application/pdf", 1000, new string('a', 64), "blobs/a"),
            new Attachment(SecondFile, "G05000011702[1]/F05000017577", "ole.pdf", "application/pdf", 2000, new string('b', 64), "blobs/b"),
        };
        var submission = new Submission(SampleApplication.SubmissionId, SampleApplication.Vorgangsnummer, "musterstadt", Process.Id, Process.Version,
            data.ToJsonString(), SampleApplication.ReceivedAt, attachments);
        return new MappingInput(SampleApplication.TenantProcess(Process), submission);
    }
}
