using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EfaGateway.Conformance.FitConnect.Tests.Support;

/// <summary>A callback endpoint on 127.0.0.1 that records what arrives and fails the first N requests on request.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;

    private CallbackReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<(string Body, string Timestamp, string Authentication)> Received { get; } = new();

    private int requestCount;

    public int RequestCount => Volatile.Read(ref requestCount);

    public static async Task<CallbackReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new CallbackReceiver(builder.Build()) { failuresLeft = failFirst };
        receiver.app.MapPost("/callbacks/fit-connect", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver.requestCount);
            if (Interlocked.Decrement(ref receiver.failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            using var reader = new StreamReader(context.Request.Body);
            receiver.Received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["callback-timestamp"].ToString(),
                context.Request.Headers["callback-authentication"].ToString()));
            return Results.Ok();
        });
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/callbacks/fit-connect");
        return receiver;
    }

    public async Task<(string Body, string Timestamp, string Authentication)> NextAsync()
    {
        for (var waited = 0; waited < 200; waited++)
        {
            if (Received.TryDequeue(out var item))
            {
                return item;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("No callback arrived within 10 seconds.");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
