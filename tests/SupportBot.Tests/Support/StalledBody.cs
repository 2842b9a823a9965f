using System.Net;
using System.Text;

namespace SupportBot.Tests.Support;

/// <summary>
/// A request body that sends its first bytes and then waits until <see cref="Release"/>: the request is in
/// the host's hands (past the limiters, in the endpoint reading the body) for as long as the test wants.
/// </summary>
internal sealed class StalledBody(string start, string rest) : HttpContent
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StalledBody()
        : this("""{"question":"when did """, """updates stop"}""")
    {
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(start));
        await stream.FlushAsync();
        await _released.Task;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(rest));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
