using System.Text.Json;
using EfaGateway.Transports.FitConnect.Settings;

namespace EfaGateway.Transports.FitConnect.Tests.Settings;

public sealed class FitConnectRouteSettingsTests
{
    private static readonly FitConnectTransportSettings Rules = new();

    [Fact]
    public void Missing_settings_are_refused_with_one_clear_message() =>
        Assert.Equal(["A FIT-Connect route needs settings (a JSON object)."], Rules.Validate(null));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Rules.Validate(Json("""{"environment":"staging","tokenUrl":"http://auth.example/token","trustAnchors":["kein PEM"],"checkRevocation":false,"leikaKey":"123","callbackUrl":"https://gw.example/cb"}"""));
        Assert.Equal(
        [
            "environment must be \"test\" or \"prod\".",
            "tokenUrl must use https (plain http only to a loopback address in a test route).",
            "submissionApiUrl must be an absolute URL.",
            "clientId is required.",
            "clientSecret is required.",
            "destinationId is required (a UUID).",
            "trustAnchors[0] is not a PEM certificate.",
            "checkRevocation can be switched off only in a test route (environment \"test\").",
            "leikaKey must be a LeiKa key of 14 digits.",
            "callbackUrl and callbackSecret go together.",
        ], problems);
    }

    [Fact]
    public void An_unknown_setting_is_named()
    {
        var problem = Assert.Single(Rules.Validate(Json("""{"clientSecrett":"x"}""")));
        Assert.Contains("clientSecrett", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_spelt_in_another_case_is_refused_so_no_secret_escapes_masking()
    {
        var problem = Assert.Single(Rules.Validate(Json("""{"ClientSecret":"geheim"}""")));
        Assert.Contains("ClientSecret", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_is_refused_without_quoting_the_value()
    {
        var problem = Assert.Single(Rules.Validate(Json("""{"destinationId":"geheim-nicht-uuid"}""")));
        Assert.DoesNotContain("geheim-nicht-uuid", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_and_callback_secrets_are_secrets() =>
        Assert.Equal(["clientSecret", "callbackSecret"], Rules.SecretNames);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
