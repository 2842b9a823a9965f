using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Support;

/// <summary>
/// A customer on the host's self-hosted Direct Line over plain HTTP, as the chat page's client does it: a
/// page token from <c>/api/directline/token</c>, the conversation started, messages posted and the
/// transcript polled.
/// </summary>
internal sealed class DirectLinePageChat
{
    private readonly HttpClient _http;

    private DirectLinePageChat(HttpClient http, string conversationId, string token, string userId, string streamUrl)
    {
        _http = http;
        ConversationId = conversationId;
        Token = token;
        UserId = userId;
        StreamUrl = streamUrl;
    }

    public string ConversationId { get; }

    public string Token { get; }

    public string UserId { get; }

    /// <summary>The WebSocket address, with its stream token in <c>?t=</c>.</summary>
    public string StreamUrl { get; }

    public static async Task<DirectLinePageChat> StartAsync(HttpClient http)
    {
        using var tokenResponse = await http.PostAsync("/api/directline/token", null);
        tokenResponse.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!;
        var token = page["token"]!.GetValue<string>();

        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await http.SendAsync(start);
        started.EnsureSuccessStatusCode();
        var conversation = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        return new DirectLinePageChat(
            http,
            conversation["conversationId"]!.GetValue<string>(),
            conversation["token"]!.GetValue<string>(),
            page["userId"]!.GetValue<string>(),
            conversation["streamUrl"]!.GetValue<string>());
    }

    /// <summary>Posts a message (text, or a card button's value) and returns the id Direct Line gave it.</summary>
    public async Task<string> PostAsync(string? text, JsonNode? value = null)
    {
        var activity = new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = UserId }, ["locale"] = "en-US" };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value.DeepClone();
        }

        using var request = Authorized(HttpMethod.Post, $"/v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities");
        request.Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    /// <summary>The whole transcript as a client polling from the start receives it, raw.</summary>
    public async Task<string> TranscriptJsonAsync()
    {
        using var request = Authorized(HttpMethod.Get, $"/v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<JsonArray> TranscriptAsync() => JsonNode.Parse(await TranscriptJsonAsync())!["activities"]!.AsArray();

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }
}
