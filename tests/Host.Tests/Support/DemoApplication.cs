using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EfaGateway.Host.Tests.Support;

/// <summary>A valid application for the demo process, with distinctive values that must never show up in logs.</summary>
public static class DemoApplication
{
    public const string Tenant = "schoenwetter-am-berg";
    public const string Process = "hundesteuer-anmeldung";
    public const string SubmitPath = $"/api/v1/tenants/{Tenant}/processes/{Process}/submissions";

    public const string FirstName = "Quirinella";
    public const string FamilyName = "Zwetschgenbaum-Ödönsdóttir";
    public const string Street = "Am Xylophonweiher";
    public const string DogName = "Wuffelbert";
    public const string Email = "quirinella.zwetschgenbaum@example.org";

    public static readonly string[] Distinctive = [FirstName, FamilyName, Street, DogName, Email, "Zwetschgenbaum", "Xylophonweiher"];

    public static JsonObject Data() => new()
    {
        ["vorname"] = FirstName,
        ["familienname"] = FamilyName,
        ["geburtsdatum"] = "1984-03-17",
        ["strasse"] = Street,
        ["hausnummer"] = "7a",
        ["postleitzahl"] = "99999",
        ["ort"] = "Schönwetter am Berg",
        ["email"] = Email,
        ["hundename"] = DogName,
        ["rasse"] = "dackel",
        ["haltungsbeginn"] = "2026-10-01",
        ["anzahlHunde"] = 1,
        ["richtigkeit"] = true,
    };

    public static JsonObject Request(JsonObject? data = null, bool withAttachment = true)
    {
        var request = new JsonObject { ["data"] = data ?? Data() };
        if (withAttachment)
        {
            request["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["field"] = "nachweis",
                    ["fileName"] = "heimtierausweis-wuffelbert.pdf",
                    ["mediaType"] = "application/pdf",
                    ["content"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n% Heimtierausweis Wuffelbert\n%%EOF")),
                },
            };
        }

        return request;
    }

    public static async Task<SubmissionAccepted> SubmitAsync(HttpClient client, JsonObject? request = null, string tenant = Tenant)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/processes/{Process}/submissions", request ?? Request());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<SubmissionAccepted>(body, JsonSerializerOptions.Web)!;
    }
}

public sealed record SubmissionAccepted(Guid Id, string Vorgangsnummer, DateTimeOffset ReceivedAt, string Status);
