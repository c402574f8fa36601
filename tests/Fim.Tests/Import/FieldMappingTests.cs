using EfaGateway.Core.Processes;

namespace EfaGateway.Fim.Tests.Import;

/// <summary>How FIM elements of the real exports become definition elements.</summary>
public sealed class FieldMappingTests
{
    [Fact]
    public void The_LeiKa_key_the_schema_id_and_version_are_kept_on_the_process()
    {
        var definition = SampleImportTests.Import("S00000000364_1.0.0_xdf3.xml").Definition;

        Assert.Equal(("s00000000364", "1.0.0", "99006047261000"), (definition.Id, definition.Version, definition.LeikaKey));
        Assert.Equal(new FimSchemaReference("S00000000364", "1.0.0"), definition.Fim);
    }

    [Fact]
    public void Labels_help_texts_and_praezisierung_come_from_the_field()
    {
        var field = SampleImportTests.Import("S00000000364_1.0.0_xdf3.xml").Definition.FindField("F60000000319")!;

        Assert.Equal(("Eingetragener Name", FieldType.Text, true, 1, (int?)1000), (field.Label.De, field.Type, field.Required, field.MinLength, field.MaxLength));
        Assert.StartsWith("Geben Sie den im Handelsregister", field.Help!.De, StringComparison.Ordinal);
    }

    [Fact]
    public void Uploads_keep_their_media_types_and_size_and_multiplicity_decides_required()
    {
        var definition = SampleImportTests.Import("S05000001299_1.0.0_xdf3.xml").Definition;

        var required = definition.FindField("G05000011696/F05000017561")!;
        var optional = definition.FindField("G05000011696/F05000017559")!;
        Assert.Equal((FieldType.File, true, 20_000_000L), (required.Type, required.Required, required.MaxSize));
        Assert.Equal(["application/pdf", "image/jpeg", "image/png"], required.MediaTypes);
        Assert.False(optional.Required);
    }

    [Fact]
    public void A_label_field_holds_its_text_and_no_value()
    {
        var label = SampleImportTests.Import("S05000001299_1.0.0_xdf3.xml").Definition.FindField("G05000011696/G05000012392/F05000018445")!;

        Assert.Equal((FieldType.Label, "Hinweis:"), (label.Type, label.Label.De));
        Assert.StartsWith("Für jede Person die nach 1970 geboren wurde", label.Help!.De, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_with_open_multiplicity_repeat_and_repeating_fields_become_lists()
    {
        var definition = SampleImportTests.Import("S05000001299_1.0.0_xdf3.xml").Definition;

        var children = Assert.IsType<GroupDefinition>(definition.FindElement("G05000011697/G05000011702"));
        var phones = Assert.IsType<GroupDefinition>(definition.FindElement("G05000011684/G05000011747/F60000000240"));
        Assert.Equal((0, (int?)null), (children.MinOccurs, children.MaxOccurs));
        Assert.True(phones.Repeats);
        Assert.Equal("F60000000240", Assert.Single(phones.Elements).Id);
    }

    [Fact]
    public void Selects_take_inline_values_or_the_code_list_and_bool_fields_ask_yes_or_no()
    {
        var work = SampleImportTests.Import("S00000000371_1.0.0_xdf3.xml").Definition;
        var permit = SampleImportTests.Import("S00000000362_1.0.0_xdf3.xml").Definition;

        var place = work.AllFields.First(f => f.Id == "F00000003390");
        Assert.Equal(["001", "002"], place.Options.Select(o => o.Value));
        var country = permit.AllFields.First(f => f.Type == FieldType.Select && f.Options.Count == 197);
        Assert.Contains(country.Options, o => o.Value == "000" && o.Label.De == "Deutschland");
        Assert.All(permit.AllFields.Where(f => f.Type == FieldType.Bool), f => Assert.Equal(BoolInput.YesNo, f.BoolInput));
    }

    [Fact]
    public void A_select_whose_list_exists_in_no_version_becomes_free_text_in_text_mode()
    {
        var gender = SampleImportTests.Import("S05000001299_1.0.0_xdf3.xml").Definition.AllFields.First(f => f.Id == "F60000000332");

        Assert.Equal((FieldType.Text, 0), (gender.Type, gender.Options.Count));
        Assert.NotNull(gender.MaxLength);
    }
}
