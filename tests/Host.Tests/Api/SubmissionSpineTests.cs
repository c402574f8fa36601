using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EfaGateway.Core.Blobs;
using EfaGateway.Core.Ports;
using EfaGateway.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace EfaGateway.Host.Tests.Api;

/// <summary>One application end to end on the embedded default: submit, deliver to the Postkorb, download.</summary>
public sealed class SubmissionSpineTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task A_valid_application_is_accepted_with_a_vorgangsnummer_and_a_status_link()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(DemoApplication.SubmitPath, DemoApplication.Request());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>())!;
        Assert.True(Core.Submissions.Vorgangsnummer.IsWellFormed(accepted.Vorgangsnummer));
        Assert.Equal(factory.Time.GetUtcNow(), accepted.ReceivedAt);
        Assert.Equal($"/api/v1/tenants/{DemoApplication.Tenant}/submissions/{accepted.Id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_submit_request_only_stores_and_the_worker_delivers_to_the_postkorb()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);

        var before = await GetStatusAsync(client, accepted.Status);
        Assert.Equal("Pending", Assert.Single(before.GetProperty("deliveries").EnumerateArray()).GetProperty("state").GetString());

        Assert.Equal(1, await factory.DeliverDueAsync());

        var after = await GetStatusAsync(client, accepted.Status);
        var delivery = Assert.Single(after.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("Confirmed", delivery.GetProperty("state").GetString());
        Assert.Equal("postkorb", delivery.GetProperty("transport").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.True(delivery.GetProperty("externalIds").TryGetProperty("postkorb.itemId", out _));
    }

    [Fact]
    public async Task A_postkorb_delivery_files_its_item_under_the_delivery_id_and_keeps_no_artifact_copies()
    {
        using var client = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(client);

        Assert.Equal(1, await factory.DeliverDueAsync());

        var delivery = Assert.Single((await GetStatusAsync(client, accepted.Status)).GetProperty("deliveries").EnumerateArray());
        var deliveryId = delivery.GetProperty("id").GetGuid();
        Assert.Equal(deliveryId.ToString("D"), delivery.GetProperty("externalIds").GetProperty("postkorb.itemId").GetString());
        await using var scope = factory.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<IPostkorbStore>().FindAsync(deliveryId, CancellationToken.None);
        Assert.Equal(accepted.Id, item?.SubmissionId);

        // The Postkorb's item is its delivery: the mapped PDF and XML live only as the item's files, not a second time
        // as artifacts kept for retries. The submission's own blobs are the upload alone.
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var submissionKeys = await blobs.ListKeysAsync(BlobKeys.SubmissionPrefix(accepted.Id), CancellationToken.None).ToListAsync();
        Assert.Single(submissionKeys);
        Assert.DoesNotContain(submissionKeys, key => key.Contains("/artifacts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_postkorb_item_holds_the_pdf_the_xml_and_the_upload_and_download_marks_it_fetched()
    {
        using var citizen = factory.CreateClient();
        var accepted = await DemoApplication.SubmitAsync(citizen);
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();

        var items = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb");
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(accepted.Vorgangsnummer, item.GetProperty("vorgangsnummer").GetString());
        Assert.Equal(factory.Time.GetUtcNow().AddDays(90), item.GetProperty("deleteAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("fetchedAt").ValueKind);
        var files = item.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([$"{accepted.Vorgangsnummer}.pdf", $"{accepted.Vorgangsnummer}.xml", "Anlage-01-heimtierausweis-wuffelbert.pdf"],
            files.Select(f => f.GetProperty("name").GetString()));

        using var pdfResponse = await staff.GetAsync(files[0].GetProperty("href").GetString());
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Contains(accepted.Vorgangsnummer, text, StringComparison.Ordinal);
            Assert.Contains("Wuffelbert", text, StringComparison.Ordinal);
        }

        var xml = await staff.GetStringAsync(files[1].GetProperty("href").GetString());
        Assert.Contains(accepted.Vorgangsnummer, xml, StringComparison.Ordinal);

        var fetched = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{item.GetProperty("id").GetGuid()}");
        Assert.Equal(factory.Time.GetUtcNow(), fetched.GetProperty("fetchedAt").GetDateTimeOffset());
        Assert.Equal("operator", fetched.GetProperty("fetchedBy").GetString());
    }

    [Fact]
    public async Task The_postkorb_api_refuses_requests_without_a_valid_operator_key()
    {
        using var anonymous = factory.CreateClient();
        using var wrongKey = factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).StatusCode);
    }

    [Fact]
    public async Task A_postkorb_item_of_one_tenant_cannot_be_read_through_another_tenant()
    {
        using var citizen = factory.CreateClient();
        await DemoApplication.SubmitAsync(citizen);
        await factory.DeliverDueAsync();
        using var staff = factory.CreateOperatorClient();
        var item = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb")).EnumerateArray());
        var id = item.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/tenants/other-town/postkorb/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/tenants/other-town/postkorb/{id}/files/0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/postkorb/{id}/files/99")).StatusCode);
    }

    [Fact]
    public async Task The_status_of_an_unknown_submission_is_a_problem_404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/v1/tenants/{DemoApplication.Tenant}/submissions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<JsonElement> GetStatusAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path);

    public void Dispose() => factory.Dispose();
}
