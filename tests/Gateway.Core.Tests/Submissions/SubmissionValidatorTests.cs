using System.Text;
using System.Text.Json;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Tests.Submissions;

public sealed class SubmissionValidatorTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 test");

    [Fact]
    public void Valid_data_passes_and_is_reduced_to_defined_fields_in_definition_order()
    {
        var result = Validate("""{"einwilligung":true,"plz":"12345","familienname":"Müller","anzahl":2,"rasse":"dackel","gewicht":12.5,"geburtsdatum":"1980-02-29"}""");

        Assert.True(result.IsValid);
        using var normalized = JsonDocument.Parse(result.NormalizedDataJson!);
        Assert.Equal(["familienname", "plz", "geburtsdatum", "einwilligung", "anzahl", "gewicht", "rasse"],
            normalized.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Müller", normalized.RootElement.GetProperty("familienname").GetString());
        Assert.Equal(12.5m, normalized.RootElement.GetProperty("gewicht").GetDecimal());
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var result = Validate("""{"familienname":"Sehr-langer-Name","plz":"1234","anzahl":9,"gewicht":"schwer","rasse":"pudel","geburtsdatum":"2026-02-30","einwilligung":false,"extra":1}""");

        Assert.False(result.IsValid);
        Assert.Null(result.NormalizedDataJson);
        Assert.Equivalent(
            new[]
            {
                new FieldError("extra", FieldErrorCode.UnknownField),
                new FieldError("familienname", FieldErrorCode.TooLong, "10"),
                new FieldError("plz", FieldErrorCode.PatternMismatch),
                new FieldError("geburtsdatum", FieldErrorCode.InvalidDate),
                new FieldError("einwilligung", FieldErrorCode.Required),
                new FieldError("anzahl", FieldErrorCode.TooLarge, "5"),
                new FieldError("gewicht", FieldErrorCode.WrongType),
                new FieldError("rasse", FieldErrorCode.NotAnOption),
            },
            result.Errors,
            strict: true);
    }

    [Theory]
    [InlineData("""{"plz":"12345","einwilligung":true}""", "familienname")]
    [InlineData("""{"familienname":"  ","plz":"12345","einwilligung":true}""", "familienname")]
    [InlineData("""{"familienname":null,"plz":"12345","einwilligung":true}""", "familienname")]
    [InlineData("""{"familienname":"A","plz":"12345"}""", "einwilligung")]
    public void Missing_required_values_are_reported(string json, string field)
    {
        var result = Validate(json);

        Assert.Contains(new FieldError(field, FieldErrorCode.Required), result.Errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void Data_that_is_not_an_object_is_refused(string json)
    {
        var result = Validate(json);

        Assert.Equal([new FieldError("data", FieldErrorCode.MalformedDocument)], result.Errors);
    }

    [Fact]
    public void An_integer_field_refuses_fractions()
    {
        var result = Validate("""{"familienname":"A","plz":"12345","einwilligung":true,"anzahl":1.5}""");

        Assert.Contains(new FieldError("anzahl", FieldErrorCode.WrongType), result.Errors);
    }

    [Theory]
    [InlineData("A\\u0000B")]
    [InlineData("A\\u001BB")]
    [InlineData("A\\uFFFFB")]
    [InlineData("A\\uFFFEB")]
    [InlineData("A\\uD800B")]
    [InlineData("A\\uDC00")]
    public void Characters_that_XML_cannot_carry_are_refused_in_text(string escaped)
    {
        var result = Validate($$"""{"familienname":"{{escaped}}","plz":"12345","einwilligung":true}""");

        Assert.Contains(new FieldError("familienname", FieldErrorCode.InvalidCharacter), result.Errors);
    }

    [Fact]
    public void Characters_outside_DIN_91379_are_refused_and_named_once_each()
    {
        var result = Validate("""{"familienname":"\uD83D\uDE00 \u201EX\u201C\uD83D\uDE00","plz":"12345","einwilligung":true}""");

        Assert.Equal(new FieldError("familienname", FieldErrorCode.NotDin91379, "\U0001F600 \u201E \u201C"), Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("Żółć Łuk")]
    [InlineData("Ǻsa Øre")]
    [InlineData("Ħal-Ŧ")]
    [InlineData("Straße ½")]
    [InlineData("m\u0300 n\u0302")]
    public void Names_from_the_DIN_91379_letters_are_accepted(string name)
    {
        var json = $$"""{"familienname":"{{name}}","plz":"12345","einwilligung":true}""";

        Assert.True(Validate(json).IsValid);
    }

    [Fact]
    public void A_lone_surrogate_in_a_select_value_is_not_an_option()
    {
        var result = Validate("""{"familienname":"A","plz":"12345","einwilligung":true,"rasse":"\uD800"}""");

        Assert.Contains(new FieldError("rasse", FieldErrorCode.NotAnOption), result.Errors);
    }

    [Fact]
    public void An_upload_name_with_a_lone_surrogate_is_refused()
    {
        var result = Validate(MinimalValid, new IncomingAttachment("nachweis", "a\uD800.pdf", "application/pdf", Pdf));

        Assert.Equal(FieldErrorCode.FileNameInvalid, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void A_valid_upload_is_accepted()
    {
        var result = Validate(MinimalValid, new IncomingAttachment("nachweis", "impfpass.pdf", "application/pdf", Pdf));

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("../../etc/passwd", "application/pdf", FieldErrorCode.FileNameInvalid)]
    [InlineData("a\\b.pdf", "application/pdf", FieldErrorCode.FileNameInvalid)]
    [InlineData("a\uFFFF.pdf", "application/pdf", FieldErrorCode.FileNameInvalid)]
    [InlineData("rechnung\u202Efdp.exe", "application/pdf", FieldErrorCode.FileNameInvalid)]
    [InlineData("foto\U0001F436.pdf", "application/pdf", FieldErrorCode.FileNameInvalid)]
    [InlineData("Ärztliche Bescheinigung (Kopie) #2.pdf", "application/pdf", null)]
    [InlineData("bild.png", "image/png", FieldErrorCode.FileTypeNotAllowed)]
    public void Uploads_with_bad_names_or_types_are_refused(string fileName, string mediaType, FieldErrorCode? expected)
    {
        var result = Validate(MinimalValid, new IncomingAttachment("nachweis", fileName, mediaType, Pdf));

        Assert.Equal(expected, result.Errors.SingleOrDefault()?.Code);
    }

    [Fact]
    public void An_upload_over_the_size_limit_is_refused_naming_the_limit()
    {
        var big = new byte[1001];
        "%PDF-"u8.CopyTo(big);

        var result = Validate(MinimalValid, new IncomingAttachment("nachweis", "a.pdf", "application/pdf", big));

        Assert.Equal(new FieldError("nachweis", FieldErrorCode.FileTooLarge, "1000"), Assert.Single(result.Errors));
    }

    [Fact]
    public void An_upload_whose_content_is_not_what_its_type_claims_is_refused()
    {
        var result = Validate(MinimalValid, new IncomingAttachment("nachweis", "a.pdf", "application/pdf", Encoding.ASCII.GetBytes("MZ executable")));

        Assert.Equal(FieldErrorCode.FileContentInvalid, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void An_upload_for_a_field_that_is_not_a_file_field_is_refused()
    {
        var result = Validate(MinimalValid, new IncomingAttachment("plz", "a.pdf", "application/pdf", Pdf));

        Assert.Equal(new FieldError("plz", FieldErrorCode.UnknownField), Assert.Single(result.Errors));
    }

    private const string MinimalValid = """{"familienname":"A","plz":"12345","einwilligung":true}""";

    private static SubmissionValidation Validate(string json, params IncomingAttachment[] attachments)
    {
        using var document = JsonDocument.Parse(json);
        return SubmissionValidator.Validate(TestProcesses.Hundesteuer(), document.RootElement, attachments);
    }
}
