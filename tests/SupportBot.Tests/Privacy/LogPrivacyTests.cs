using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using SupportBot.BotFramework;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Privacy;

/// <summary>
/// Everything the host logs, at every level of every category, while customers with a card number, an e-mail
/// address and a phone number use each way in (Teams with channel authentication, the website chat with its
/// tokens and stream, the agents' API): none of that text, and none of the tokens and secrets, appears.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string DirectLineSecret = "self-hosted-direct-line-secret-0123456789";

    [Fact]
    public async Task EveryWayIn_PersonalDataTokensAndSecrets_NeverInAnyLogLine()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var authority = await ChannelAuthority.StartAsync();
        var logs = new ScopedLogCapture();
        var settings = authority.HostSettings();
        settings["DirectLine:Secrets:0"] = DirectLineSecret;
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
        var thumbprint = authority.Certificate.Thumbprint;
        await using var host = await BotHost.StartAsync(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddHttpClient(BotFrameworkHttpClients.Token).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
            });
        });
        var secrets = new List<string>
        {
            RedactingStoresTests.Card, "4111111111111111", RedactingStoresTests.Email, "jane.doe", RedactingStoresTests.Phone, "123-4567",
            DirectLineSecret, ChannelAuthority.AppPassword, ChannelAuthority.OutboundToken,
        };

        // Teams, authenticated: a question and a feedback click.
        var channelToken = authority.CreateToken(channel.ServiceUrl);
        secrets.Add(channelToken);
        using (var asked = await host.PostActivityAsync(Payloads.TeamsPersonal(channel.ServiceUrl, RedactingStoresTests.Question), channelToken))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var card = ReplyAssert.Card(channel.Messages.Single().Json!);
        var yes = ReplyAssert.Actions(card, "Action.Submit").Single(a => a["data"]!["helpful"]!.GetValue<bool>())["data"]!;
        var click = Payloads.TeamsPersonal(channel.ServiceUrl, "");
        click.Remove("text");
        click["value"] = yes.DeepClone();
        using (var clicked = await host.PostActivityAsync(click, channelToken))
        {
            Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        }

        // The website chat: secret-minted token, conversation, stream (token in its URL), message, poll.
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DirectLineSecret);
        using (var generated = await host.Http.SendAsync(generate))
        {
            Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
            secrets.Add((await generated.Content.ReadFromJsonAsync<TokenBody>())!.Token);
        }

        var chat = await DirectLinePageChat.StartAsync(host.Http);
        secrets.Add(chat.Token);
        var streamToken = Uri.UnescapeDataString(new Uri(chat.StreamUrl).Query["?t=".Length..]);
        secrets.Add(streamToken);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chat.StreamUrl), default);
        await chat.PostAsync(RedactingStoresTests.Question);
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, default);
        Assert.True(received.Count > 0);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
        Assert.NotEmpty(await chat.TranscriptAsync());

        // The agents' API.
        using (var ask = await host.Http.PostAsJsonAsync("/api/ask", new { question = RedactingStoresTests.Question }))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        using (var search = await host.Http.GetAsync("/api/search?q=" + Uri.EscapeDataString(RedactingStoresTests.Question)))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }

        // Evidence the capture sees everything: framework lines at Trace/Debug, the bot's own lines, request lines.
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Level == LogLevel.Debug && l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId == 3200);
        Assert.Contains(lines, l => l.EventId == 3201);
        Assert.Contains(lines, l => l.EventId == 3802 && l.Message.StartsWith("POST /v3/directline/conversations/", StringComparison.Ordinal));
        foreach (var secret in secrets.Concat(secrets.Select(Uri.EscapeDataString)).Distinct())
        {
            var leak = lines.FirstOrDefault(l => l.ToString().Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"'{secret}' logged: {leak}");
        }

        BotHost.DeleteData(host.DataFolder);
    }

    private sealed record TokenBody(string Token);
}
