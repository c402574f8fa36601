using System.Text;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Tests.Submissions;

public sealed class GroupsAndConditionsTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 test");

    private static readonly ProcessDefinition Process = ProcessDefinitionJson.Parse("""
        { "id": "kita", "version": "1", "title": { "de": "Kita" }, "sections": [
          { "id": "s1", "title": { "de": "Antrag" }, "fields": [
            { "id": "art", "label": { "de": "Art" }, "type": "select", "required": true,
              "options": [ { "value": "001", "label": { "de": "Inland" } }, { "value": "002", "label": { "de": "Ausland" } } ] },
            { "id": "hinweis", "label": { "de": "Bitte vollständig ausfüllen." }, "type": "label" },
            { "id": "stand", "label": { "de": "Stand" }, "type": "text", "access": "locked", "default": "2026" },
            { "id": "inland", "label": { "de": "Anschrift Inland" }, "type": "group", "minOccurs": 0,
              "visibleIf": { "field": "art", "equals": "001" }, "requiredIf": { "field": "art", "equals": "001" },
              "fields": [ { "id": "plz", "label": { "de": "PLZ" }, "type": "text", "required": true, "pattern": "[0-9]{5}" } ] },
            { "id": "ausland", "label": { "de": "Anschrift Ausland" }, "type": "group", "minOccurs": 0,
              "visibleIf": { "field": "art", "equals": "002" },
              "fields": [ { "id": "land", "label": { "de": "Land" }, "type": "text", "required": true } ] },
            { "id": "kinder", "label": { "de": "Kinder" }, "type": "group", "minOccurs": 1, "maxOccurs": 2, "fields": [
              { "id": "vorname", "label": { "de": "Vorname" }, "type": "text", "required": true },
              { "id": "betreut", "label": { "de": "Betreut" }, "type": "bool" },
              { "id": "seit", "label": { "de": "Betreut seit" }, "type": "date", "requiredIf": { "field": "betreut", "equals": "true" } },
              { "id": "urkunde", "label": { "de": "Urkunde" }, "type": "file", "requiredIf": { "field": "../art", "equals": "002" } } ] },
            { "id": "beginn", "label": { "de": "Beginn" }, "type": "time" },
            { "id": "termin", "label": { "de": "Termin" }, "type": "datetime" },
            { "id": "beitrag", "label": { "de": "Beitrag" }, "type": "num_currency" }
          ] } ] }
        """);

    [Fact]
    public void A_valid_application_is_normalized_into_nested_groups_with_the_locked_value()
    {
        var result = Validate("""{"art":"001","inland":{"plz":"12345"},"ausland":{"land":"Vergessen"},"kinder":[{"vorname":"Ida","betreut":true,"seit":"2026-01-05"}],"beginn":"07:30","termin":"2026-12-01T09:15","beitrag":12.5}""");

        Assert.Empty(result.Errors);
        Assert.Equal("""{"art":"001","stand":"2026","inland":{"plz":"12345"},"kinder":[{"vorname":"Ida","betreut":true,"seit":"2026-01-05"}],"beginn":"07:30","termin":"2026-12-01T09:15","beitrag":12.5}""",
            result.NormalizedDataJson);
    }

    [Fact]
    public void A_group_required_by_a_condition_reports_its_required_fields_by_path()
    {
        var result = Validate("""{"art":"001","kinder":[{"vorname":"Ida"}]}""");

        Assert.Equal([new FieldError("inland/plz", FieldErrorCode.Required)], result.Errors);
    }

    [Fact]
    public void Errors_inside_a_repeating_group_name_the_instance()
    {
        var result = Validate("""{"art":"002","ausland":{"land":"Polen"},"kinder":[{"vorname":"Ida"},{"betreut":true}]}""");

        Assert.Equal(
            [
                new FieldError("kinder[0]/urkunde", FieldErrorCode.Required),
                new FieldError("kinder[1]/vorname", FieldErrorCode.Required),
                new FieldError("kinder[1]/seit", FieldErrorCode.Required),
                new FieldError("kinder[1]/urkunde", FieldErrorCode.Required),
            ],
            result.Errors);
    }

    [Fact]
    public void Files_are_matched_to_their_instance_by_path()
    {
        var result = Validate(
            """{"art":"002","ausland":{"land":"Polen"},"kinder":[{"vorname":"Ida"}]}""",
            new IncomingAttachment("kinder[0]/urkunde", "u.pdf", "application/pdf", Pdf));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_file_for_a_hidden_or_missing_instance_is_unknown()
    {
        var result = Validate(
            """{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"Ida"}]}""",
            new IncomingAttachment("kinder[1]/urkunde", "u.pdf", "application/pdf", Pdf));

        Assert.Equal([new FieldError("kinder[1]/urkunde", FieldErrorCode.UnknownField)], result.Errors);
    }

    [Fact]
    public void Too_few_and_too_many_instances_are_refused_with_the_limit()
    {
        Assert.Contains(new FieldError("kinder", FieldErrorCode.TooFewEntries, "1"), Validate("""{"art":"001","inland":{"plz":"12345"},"kinder":[]}""").Errors);
        Assert.Contains(new FieldError("kinder", FieldErrorCode.TooManyEntries, "2"),
            Validate("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"},{"vorname":"B"},{"vorname":"C"}]}""").Errors);
    }

    [Theory]
    [InlineData("""{"art":"001","inland":[],"kinder":[{"vorname":"A"}]}""", "inland", FieldErrorCode.WrongType)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":{"vorname":"A"}}""", "kinder", FieldErrorCode.WrongType)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":["A"]}""", "kinder[0]", FieldErrorCode.WrongType)]
    [InlineData("""{"art":"001","inland":{"plz":"12345","ort":"X"},"kinder":[{"vorname":"A"}]}""", "inland/ort", FieldErrorCode.UnknownField)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"stand":"1999"}""", "stand", FieldErrorCode.ReadOnly)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"hinweis":"x"}""", "hinweis", FieldErrorCode.UnknownField)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"beginn":"25:00"}""", "beginn", FieldErrorCode.InvalidTime)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"termin":"2026-12-01"}""", "termin", FieldErrorCode.InvalidDateTime)]
    [InlineData("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"beitrag":1.005}""", "beitrag", FieldErrorCode.WrongType)]
    public void Malformed_structures_and_values_are_refused_by_path(string json, string path, FieldErrorCode code)
    {
        var result = Validate(json);

        Assert.Equal(new FieldError(path, code), Assert.Single(result.Errors) with { Limit = null });
        Assert.Null(result.NormalizedDataJson);
    }

    [Fact]
    public void A_value_equal_to_the_locked_default_is_accepted()
    {
        Assert.Empty(Validate("""{"art":"001","inland":{"plz":"12345"},"kinder":[{"vorname":"A"}],"stand":"2026"}""").Errors);
    }

    private static SubmissionValidation Validate(string json, params IncomingAttachment[] attachments)
    {
        using var document = JsonDocument.Parse(json);
        return SubmissionValidator.Validate(Process, document.RootElement, attachments);
    }
}
