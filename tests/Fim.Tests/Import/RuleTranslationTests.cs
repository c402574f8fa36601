using System.Text;
using System.Text.Json;
using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;
using EfaGateway.Fim.Import;
using EfaGateway.Fim.Xdf;

namespace EfaGateway.Fim.Tests.Import;

/// <summary>The FIM rule grammar on a small schema: a yes/no field, a select, a group and a field the rules act on.</summary>
public sealed class RuleTranslationTests
{
    private static ImportResult ImportWith(string rule)
    {
        var xml = $"""
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
              <xdf:header><xdf:nachrichtID>t</xdf:nachrichtID></xdf:header>
              <xdf:stammdatenschema>
                <xdf:identifikation><xdf:id>S99000000001</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
                <xdf:name>Test</xdf:name>
                <xdf:regel><xdf:identifikation><xdf:id>R1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>R</xdf:name>
                  <xdf:freitextRegel>{System.Security.SecurityElement.Escape(rule)}</xdf:freitextRegel><xdf:typ><code>K</code></xdf:typ></xdf:regel>
                <xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt>{Field("F00000000001", "bool", "Vertreter vorhanden")}</xdf:enthaelt></xdf:struktur>
                <xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt>{Field("F00000000002", "text", "Art", select: true)}</xdf:enthaelt></xdf:struktur>
                <xdf:struktur><xdf:anzahl>0:1</xdf:anzahl><xdf:enthaelt>
                  <xdf:datenfeldgruppe><xdf:identifikation><xdf:id>G00000000001</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Vertreter</xdf:name>
                    <xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt>{Field("F00000000003", "text", "Name des Vertreters")}</xdf:enthaelt></xdf:struktur>
                  </xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>
                <xdf:struktur><xdf:anzahl>0:1</xdf:anzahl><xdf:enthaelt>{Field("F00000000004", "date", "Datum")}</xdf:enthaelt></xdf:struktur>
              </xdf:stammdatenschema>
            </xdf:xdatenfelder.stammdatenschema.0102>
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return XdfImporter.Import(XdfReader.Read(stream), new ImportOptions());
    }

    private static string Field(string id, string type, string name, bool select = false) => $"""
        <xdf:datenfeld><xdf:identifikation><xdf:id>{id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>{name}</xdf:name>
          <xdf:feldart><code>{(select ? "select" : "input")}</code></xdf:feldart><xdf:datentyp><code>{type}</code></xdf:datentyp>
          {(select ? "<xdf:werte><xdf:wert><xdf:code>001</xdf:code><xdf:name>Inland</xdf:name></xdf:wert><xdf:wert><xdf:code>002</xdf:code><xdf:name>Ausland</xdf:name></xdf:wert><xdf:wert><xdf:code>003</xdf:code><xdf:name>Ja</xdf:name></xdf:wert></xdf:werte>" : string.Empty)}
        </xdf:datenfeld>
        """;

    private static bool Visible(ImportResult result, string id, string json)
    {
        using var data = JsonDocument.Parse(json);
        var element = result.Definition.FindElement(id)!;
        return element.VisibleIf is not { } condition || ConditionEvaluator.Holds(condition, [data.RootElement]);
    }

    private static bool Required(ImportResult result, string id, string json)
    {
        using var data = JsonDocument.Parse(json);
        return result.Definition.FindElement(id)!.RequiredIf is { } condition && ConditionEvaluator.Holds(condition, [data.RootElement]);
    }

    [Theory]
    [InlineData("WENN F00000000001 'Vertreter vorhanden' = JA, DANN aktiviere G00000000001 'Vertreter'.")]
    [InlineData("Wenn Feld F00000000001 Vertreter vorhanden === \"Ja\", dann zeige G00000000001 Vertreter an, wenn F00000000001 <> \"Ja\" dann blende G00000000001 Vertreter aus.")]
    [InlineData("Wenn F00000000001 == \"Ja\" zeige G00000000001 an, bei <> \"Nein\" blende G00000000001 aus.")]
    [InlineData("WENN F00000000001 = wahr, DANN zeige G00000000001 an, SONST zeige G00000000001 nicht an.")]
    public void Show_rules_in_their_many_wordings_make_the_group_visible_only_when_the_answer_is_yes(string rule)
    {
        var result = ImportWith(rule);

        Assert.Single(result.Report.Translated);
        Assert.True(Visible(result, "G00000000001", """{"F00000000001":true}"""));
        Assert.False(Visible(result, "G00000000001", """{"F00000000001":false}"""));
        Assert.False(Visible(result, "G00000000001", "{}"));
    }

    [Fact]
    public void A_required_rule_with_its_otherwise_makes_the_group_visible_and_required_for_the_listed_codes()
    {
        var result = ImportWith("Wenn das Feld F00000000002 \"Art\" = 001 \"Inland\" ODER = 002 \"Ausland\", dann muss die Feldgruppe G00000000001 \"Vertreter\" befüllt sein. " +
            "Wenn das Feld F00000000002 <> 001 \"Inland\" UND <> 002 \"Ausland\", dann darf die Feldgruppe G00000000001 nicht befüllt sein.");

        Assert.True(Visible(result, "G00000000001", """{"F00000000002":"002"}""") && Required(result, "G00000000001", """{"F00000000002":"002"}"""));
        Assert.False(Visible(result, "G00000000001", """{"F00000000002":"003"}"""));
    }

    [Fact]
    public void Activate_and_make_mandatory_and_deactivate_in_one_clause()
    {
        var result = ImportWith("WENN F00000000002 'Art' = 001 'Inland', DANN aktiviere F00000000004 'Datum' UND mache es zu einer Pflichtangabe UND deaktiviere G00000000001 'Vertreter'.");

        Assert.True(Visible(result, "F00000000004", """{"F00000000002":"001"}""") && Required(result, "F00000000004", """{"F00000000002":"001"}"""));
        Assert.False(Visible(result, "F00000000004", """{"F00000000002":"002"}"""));
        Assert.False(Visible(result, "G00000000001", """{"F00000000002":"001"}"""));
        Assert.True(Visible(result, "G00000000001", """{"F00000000002":"002"}"""));
    }

    [Fact]
    public void A_quoted_yes_on_a_select_matches_the_option_labelled_yes()
    {
        var result = ImportWith("Wenn F00000000002 == \"Ja\", dann zeige F00000000004 an, ansonsten nicht.");

        Assert.True(Visible(result, "F00000000004", """{"F00000000002":"003"}"""));
        Assert.False(Visible(result, "F00000000004", """{"F00000000002":"001"}"""));
    }

    [Fact]
    public void A_condition_inside_a_group_refers_to_a_field_outside_it_by_a_relative_path()
    {
        var result = ImportWith("WENN F00000000002 = 002, DANN zeige F00000000003 an.");

        Assert.Equal("../F00000000002", result.Definition.FindField("G00000000001/F00000000003")!.VisibleIf!.Field);
        using var data = JsonDocument.Parse("""{"F00000000001":false,"F00000000002":"001","G00000000001":{"F00000000003":"X"}}""");
        var validation = SubmissionValidator.Validate(result.Definition, data.RootElement, []);
        Assert.Empty(validation.Errors);
        Assert.Equal("""{"F00000000001":false,"F00000000002":"001"}""", validation.NormalizedDataJson);
    }

    [Theory]
    [InlineData("Es muss mindestens eines der Felder F00000000001 oder F00000000002 befüllt sein.", "not a WENN … DANN rule")]
    [InlineData("Wenn F00000000001 nicht leer, dann darf F00000000004 nicht leer sein.", "the condition has no comparison (=, ==, !=, <>)")]
    [InlineData("WENN G00000000001 = < 18 Jahre, DANN zeige F00000000004 an.", "the condition tests a group, not a field")]
    [InlineData("Wenn F00000000001 = JA und F00000000002 = 001, dann zeige F00000000004 an.", "the condition involves more than one field")]
    [InlineData("WENN F00000000002 = alle anderen Werte, DANN zeige F00000000004 an.", "the value 'alle anderen Werte' is not understood")]
    [InlineData("WENN F00000000002 = 009, DANN zeige F00000000004 an.", "'009' is not a value of F00000000002")]
    [InlineData("WENN F00000000001 = JA, DANN zeige F00000000009 an.", "F00000000009 is not an element of this schema")]
    [InlineData("WENN F00000000001 = JA, DANN berechne F00000000004.", "no action (zeige, aktiviere, deaktiviere, blende aus, muss) for F00000000004")]
    [InlineData("WENN F00000000001 = \"JA, DANN zeige F00000000004 an.", "unbalanced quotation marks")]
    [InlineData("WENN F00000000002 = 001 ODER <> 002, DANN zeige F00000000004 an.", "the value '<> 002' is not understood")]
    public void A_rule_outside_the_grammar_is_listed_with_its_reason_and_changes_nothing(string rule, string reason)
    {
        var result = ImportWith(rule);

        var outcome = Assert.Single(result.Report.Untranslated);
        Assert.Equal(("R1", reason), (outcome.Id, outcome.Reason));
        Assert.All(result.Definition.Sections.SelectMany(s => s.Elements), e => Assert.Null(e.VisibleIf));
    }
}
