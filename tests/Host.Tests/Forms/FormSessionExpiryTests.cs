using EfaGateway.Core.Ports;
using EfaGateway.Host.Forms;
using EfaGateway.Host.Tests.Support;
using EfaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EfaGateway.Host.Tests.Forms;

/// <summary>Unsaved form sessions (answers and uploads of citizens who left) are deleted after their lifetime.</summary>
public sealed class FormSessionExpiryTests : IDisposable
{
    private readonly GatewayFactory factory = new();

    [Fact]
    public async Task A_form_session_and_its_uploads_are_deleted_a_day_after_it_started_and_not_before()
    {
        var start = await HtmlPage.OpenAsync(factory.CreateClient(), $"/{DemoApplication.Tenant}/{DemoApplication.Process}");
        var step1 = await start.SubmitAsync();
        var step2 = await step1.SubmitAsync(new Dictionary<string, string>
        {
            ["vorname"] = "A", ["familienname"] = "B", ["geburtsdatum"] = "01.01.1990", ["strasse"] = "C", ["hausnummer"] = "1", ["postleitzahl"] = "12345", ["ort"] = "D",
        });
        await step2.SubmitAsync(action: "zurueck", files: [("nachweis", "a.pdf", "application/pdf", ValidDataGenerator.Pdf)]);
        await using var scope = factory.Services.CreateAsyncScope();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var sessions = scope.ServiceProvider.GetRequiredService<FormSessionStore>();
        Assert.NotEmpty(await blobs.ListKeysAsync(FormSessionStore.Prefix, CancellationToken.None).ToListAsync());

        factory.Time.Advance(FormSession.Lifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sessions.DeleteExpiredAsync(CancellationToken.None));
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sessions.DeleteExpiredAsync(CancellationToken.None));

        Assert.Empty(await blobs.ListKeysAsync(FormSessionStore.Prefix, CancellationToken.None).ToListAsync());
    }

    public void Dispose() => factory.Dispose();
}
