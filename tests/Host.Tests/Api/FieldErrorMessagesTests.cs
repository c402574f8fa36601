using EfaGateway.Core.Submissions;
using EfaGateway.Host.Api;

namespace EfaGateway.Host.Tests.Api;

public sealed class FieldErrorMessagesTests
{
    public static TheoryData<FieldErrorCode> Codes() => [.. Enum.GetValues<FieldErrorCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_has_a_german_and_an_english_sentence(FieldErrorCode code)
    {
        var error = new FieldError("feld", code, "5");

        var german = FieldErrorMessages.For(error, process: null, english: false);
        var english = FieldErrorMessages.For(error, process: null, english: true);

        Assert.NotEqual(code.ToString(), german);
        Assert.NotEqual(code.ToString(), english);
        Assert.NotEqual(german, english);
        Assert.Contains("feld", german, StringComparison.Ordinal);
    }
}
