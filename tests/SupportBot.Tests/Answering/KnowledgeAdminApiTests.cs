using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.Tests.Support;
using static SupportBot.Tests.Answering.ReloadScenario;

namespace SupportBot.Tests.Answering;

/// <summary>POST /admin/knowledge/reload on the real host, with watching off so only the endpoint reloads.</summary>
public sealed class KnowledgeAdminApiTests
{
    private static readonly Dictionary<string, string?> WithSecret = new()
    {
        ["Knowledge:Watch"] = "false",
        ["Knowledge:ReloadSecret"] = ReloadSecret,
    };

    [Fact]
    public async Task Reload_NoSecretConfigured_404()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root, new Dictionary<string, string?> { ["Knowledge:Watch"] = "false" });

        using var response = await PostReloadAsync(host, ReloadSecret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-reload-secret-0123456789abcdeX")]
    [InlineData("test-reload-secret")]
    public async Task Reload_MissingOrWrongSecret_401ProblemNothingReloadedAndSecretNotLogged(string? secret)
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root, WithSecret);
        WriteRevision(knowledge.Root, 1);

        using var response = await PostReloadAsync(host, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, await ServedRevisionAsync(host));
        Assert.Contains(host.Logs.Lines, l => l.EventId == 3010);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Message.Contains("test-reload-secret", StringComparison.Ordinal));
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Reload_RightSecret_LoadsTheChangeThenReportsUnchanged()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root, WithSecret);
        var (_, before) = await ReadyzAsync(host);
        var firstVersion = KnowledgeCheck(before)["data"]!["version"]!.GetValue<string>();
        WriteRevision(knowledge.Root, 1);

        using var response = await PostReloadAsync(host, ReloadSecret);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("loaded", body["outcome"]!.GetValue<string>());
        Assert.Equal(firstVersion, body["previousVersion"]!.GetValue<string>());
        Assert.Equal(1, await ServedRevisionAsync(host));
        var (_, after) = await ReadyzAsync(host);
        Assert.Equal(body["version"]!.GetValue<string>(), KnowledgeCheck(after)["data"]!["version"]!.GetValue<string>());
        Assert.Contains(host.Logs.Lines, l => l.EventId == 3002 && l.Message.Contains("(admin)", StringComparison.Ordinal));

        using var again = await PostReloadAsync(host, ReloadSecret);
        var second = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", second["outcome"]!.GetValue<string>());
        Assert.Equal(body["version"]!.GetValue<string>(), second["version"]!.GetValue<string>());
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Reload_InvalidKnowledge_422ListingEveryProblemWithFileAndLineAndOldVersionServes()
    {
        using var knowledge = new KnowledgeCopy();
        await using var host = await StartAsync(knowledge.Root, WithSecret);
        var idLine = knowledge.FirstLineStartingWith(FaqFile, "- id: updates-stopped");
        knowledge.InsertLine(FaqFile, idLine, "  colour: blue");
        File.WriteAllText(knowledge.PathOf("responses.yaml"), File.ReadAllText(knowledge.PathOf("responses.yaml")).Replace("{contact}", "a person", StringComparison.Ordinal));

        using var response = await PostReloadAsync(host, ReloadSecret);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problems = problem["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.StartsWith($"{Path.Combine("knowledge", FaqFile)}:{idLine + 1}: unknown field 'colour'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(Path.Combine("knowledge", "responses.yaml") + ":", StringComparison.Ordinal));
        Assert.Equal(problems.Count, host.Logs.Lines.Count(l => l.EventId == 3004));
        Assert.Equal(0, await ServedRevisionAsync(host));
        BotHost.DeleteData(host.DataFolder);
    }

    [Theory]
    [InlineData("Knowledge:ReloadSecret", "too-short")]
    [InlineData("Knowledge:PollInterval", "00:00:00.010")]
    [InlineData("Knowledge:Debounce", "-00:00:01")]
    public async Task Start_InvalidReloadOption_FailsNamingTheKey(string key, string value)
    {
        using var knowledge = new KnowledgeCopy();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(knowledge.Root, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostReloadAsync(BotHost host, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, KnowledgeAdminApi.ReloadRoute);
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await host.Http.SendAsync(request);
    }
}
