using Microsoft.AspNetCore.Http;

namespace SupportBot.BotFramework.Builder;

/// <summary>Handles a request to the bot's messaging endpoint (<c>POST /api/messages</c>).</summary>
public interface IBotFrameworkHttpAdapter
{
    /// <summary>Authenticates the request, runs <paramref name="bot"/> on its activity and writes the response.</summary>
    Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default);
}
