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

public sealed class ProcessDefinitionStructureTests
{
    private const string Nested = """
        { "id": "verein", "version": "2.0.0", "title": { "de": "Verein" }, "fim": { "schemaId": "S00000000364", "version": "1.0.0" },
          "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [
            { "id": "mitglied", "label": { "de": "Mitglied" }, "type": "bool" },
            { "id": "personen", "label": { "de": "Personen" }, "type": "group", "minOccurs": 0, "unbounded": true,
              "visibleIf": { "field": "mitglied", "equals": "true" }, "fields": [
                { "id": "name", "label": { "de": "Name" }, "type": "text_latin", "requiredIf": { "any": [ { "field": "../mitglied", "filled": true } ] } },
                { "id": "stand", "label": { "de": "Stand" }, "type": "text", "access": "hidden", "default": "x" } ] } ] } ] }
        """;

    [Fact]
    public void Groups_conditions_and_fim_reference_round_trip_through_json()
    {
        var definition = ProcessDefinitionJson.Parse(Nested);
        var again = ProcessDefinitionJson.Parse(ProcessDefinitionJson.Write(definition));

        var group = Assert.IsType<GroupDefinition>(again.FindElement("personen"));
        Assert.Null(group.MaxOccurs);
        Assert.Equal(0, group.MinOccurs);
        Assert.Equal("true", group.VisibleIf!.EqualsValue);
        Assert.Equal(FieldAccess.Hidden, again.FindField("personen[3]/stand")!.Access);
        Assert.Equal(FieldType.TextLatin, again.FindField("personen/name")!.Type);
        Assert.Equal(new FimSchemaReference("S00000000364", "1.0.0"), again.Fim);
        Assert.Equal(ProcessDefinitionJson.Write(definition), ProcessDefinitionJson.Write(again));
    }

    [Theory]
    [InlineData("""{ "field": "nirgends", "equals": "x" }""", "not a field reachable")]
    [InlineData("""{ "field": "personen/name", "equals": "x" }""", "not a field reachable")]
    [InlineData("""{ "field": "mitglied" }""", "exactly one of")]
    [InlineData("""{ "field": "mitglied", "equals": "x", "filled": true }""", "exactly one of")]
    [InlineData("""{ "all": [ { "field": "gibtsnicht", "filled": true } ] }""", "not a field reachable")]
    public void A_condition_that_cannot_be_evaluated_is_refused(string condition, string problem)
    {
        var json = $$"""
            { "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [
              { "id": "mitglied", "label": { "de": "M" }, "type": "bool" },
              { "id": "personen", "label": { "de": "P" }, "type": "group", "maxOccurs": 3, "fields": [ { "id": "name", "label": { "de": "N" }, "type": "text" } ] },
              { "id": "z", "label": { "de": "Z" }, "type": "text", "visibleIf": {{condition}} } ] } ] }
            """;

        var error = Assert.Throws<ProcessDefinitionException>(() => ProcessDefinitionJson.Parse(json));

        Assert.Contains(error.Problems, p => p.Contains(problem, StringComparison.Ordinal) && p.StartsWith("element 'z'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "group", "fields": [] }""", "at least one element")]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "group", "minOccurs": 3, "maxOccurs": 2, "fields": [ { "id": "a", "label": { "de": "A" }, "type": "text" } ] }""", "minOccurs")]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "text", "maxOccurs": 2 }""", "belong to groups")]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "label", "required": true }""", "cannot be required")]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "text", "autocomplete": "vorname" }""", "not an HTML autofill field name")]
    [InlineData("""{ "id": "g", "label": { "de": "G" }, "type": "group", "fields": [ { "id": "a", "label": { "de": "A" }, "type": "text" }, { "id": "a", "label": { "de": "A" }, "type": "bool" } ] }""", "used twice in the same group")]
    public void Structural_mistakes_in_groups_are_reported(string element, string problem)
    {
        var json = $$"""{ "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [ {{element}} ] } ] }""";

        var error = Assert.Throws<ProcessDefinitionException>(() => ProcessDefinitionJson.Parse(json));

        Assert.Contains(error.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_id_in_different_groups_is_allowed()
    {
        var json = """
            { "id": "x1", "version": "1", "title": { "de": "T" }, "sections": [ { "id": "s", "title": { "de": "S" }, "fields": [
              { "id": "a", "label": { "de": "A" }, "type": "group", "fields": [ { "id": "name", "label": { "de": "N" }, "type": "text" } ] },
              { "id": "b", "label": { "de": "B" }, "type": "group", "fields": [ { "id": "name", "label": { "de": "N" }, "type": "text" } ] } ] } ] }
            """;

        Assert.Equal(2, ProcessDefinitionJson.Parse(json).AllFields.Count(f => f.Id == "name"));
    }
}
