using EfaGateway.Core.Processes;

namespace EfaGateway.Core.Tests.Processes;

public sealed class ProcessDefinitionJsonTests
{
    [Fact]
    public void A_definition_with_every_field_type_is_read()
    {
        var definition = ProcessDefinitionJson.Parse("""
            {
              "id": "test-prozess", "version": "1.0.0", "title": { "de": "Test", "en": "Test" }, "leika": "99000000000000",
              "sections": [ { "id": "s1", "title": { "de": "Eins" }, "fields": [
                { "id": "a", "label": { "de": "A" }, "type": "text", "required": true, "maxLength": 5, "pattern": "[a-z]+" },
                { "id": "b", "label": { "de": "B" }, "type": "num_int", "min": 1, "max": 3 },
                { "id": "c", "label": { "de": "C" }, "type": "select", "options": [ { "value": "x", "label": { "de": "X" } } ] },
                { "id": "d", "label": { "de": "D" }, "type": "file", "mediaTypes": ["application/pdf"], "maxSize": 100 },
                { "id": "e", "label": { "de": "E" }, "type": "date" },
                { "id": "f", "label": { "de": "F" }, "type": "bool" },
                { "id": "g", "label": { "de": "G" }, "type": "num" }
              ] } ]
            }
            """);

        Assert.Equal("test-prozess", definition.Id);
        Assert.Equal("99000000000000", definition.LeikaKey);
        Assert.Equal([FieldType.Text, FieldType.NumInt, FieldType.Select, FieldType.File, FieldType.Date, FieldType.Bool, FieldType.Num],
            definition.AllFields.Select(f => f.Type));
        Assert.Equal(100, definition.FindField("d")!.MaxSize);
    }

    [Fact]
    public void Every_semantic_problem_is_reported()
    {
        var error = Assert.Throws<ProcessDefinitionException>(() => ProcessDefinitionJson.Parse("""
            { "id": "Bad Id", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [
                { "id": "a", "label": { "de": "A" }, "type": "select" },
                { "id": "a", "label": { "de": "A" }, "type": "text", "pattern": "([", "minLength": 5, "maxLength": 2 }
            ] } ] }
            """));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("used twice", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("needs options", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{ "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [], "unknown": 1 }""")]
    [InlineData("""{ "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [ { "id": "a", "label": { "de": "A" }, "type": "blob" } ] } ] }""")]
    public void Malformed_json_unknown_members_and_unknown_types_are_refused(string json)
    {
        Assert.Throws<ProcessDefinitionException>(() => ProcessDefinitionJson.Parse(json));
    }
}
