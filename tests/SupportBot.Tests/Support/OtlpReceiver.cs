using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace SupportBot.Tests.Support;

/// <summary>
/// A tiny OTLP/HTTP collector on loopback: accepts <c>POST /v1/metrics</c> and <c>/v1/traces</c> (protobuf,
/// gzip or not), keeps the bodies, answers 200 with an empty protobuf response as collectors do.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<OtlpRequest> _requests = new();
    private WebApplication _app = null!;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OtlpRequest> Requests => _requests.ToList();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver._app = builder.Build();
        receiver._app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            var input = context.Request.Headers.ContentEncoding.ToString() == "gzip"
                ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
                : context.Request.Body;
            await using (input)
            {
                await input.CopyToAsync(body);
            }

            receiver._requests.Enqueue(new OtlpRequest(signal, context.Request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>All bodies of one signal (<c>metrics</c>, <c>traces</c>) joined.</summary>
    public byte[] Bodies(string signal) => Requests.Where(r => r.Signal == signal).SelectMany(r => r.Body).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One export request.</summary>
internal sealed record OtlpRequest(string Signal, string ContentType, byte[] Body)
{
    /// <summary>Protobuf strings are UTF-8 bytes in the message, so names can be found without decoding.</summary>
    public static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
