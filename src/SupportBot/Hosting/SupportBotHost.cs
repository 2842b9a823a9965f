using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot.Answering;
using SupportBot.Api;
using SupportBot.Bot;
using SupportBot.Health;
using SupportBot.Limits;
using SupportBot.Privacy;
using SupportBot.Storage;
using SupportBot.Telemetry;
using SupportBot.WebChat;

namespace SupportBot.Hosting;

/// <summary>
/// Builds the chat host: the Bot Framework messaging endpoint, the website chat (self-hosted Direct Line,
/// Web Chat page, embed snippet), the agents' API and lookup page, the feedback report, and the health probes over one answer engine. Program and the tests build it the same way; tests pass <c>configure</c> to add
/// configuration or replace a service.
/// </summary>
public static class SupportBotHost
{
    /// <summary>The verb that names the host explicitly; it is also the default.</summary>
    public const string ServeVerb = "serve";

    /// <summary>Where the host listens when nothing is configured: the Bot Framework Emulator's usual address.</summary>
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var hostArgs = args.Length > 0 && args[0] == ServeVerb ? args[1..] : args;

        // appsettings.json travels next to the program, so the content root is the program's folder, not the
        // current directory; relative data paths still resolve against the current directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(hostArgs, new Dictionary<string, string> { ["--knowledge"] = "Knowledge:Path" });
        configure?.Invoke(builder);

        if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services
            .AddAnswering(builder.Configuration)
            .AddSupportStorage(builder.Configuration)
            .AddSupportBot(builder.Configuration)
            .AddAgentsApi(builder.Configuration)
            .AddWebChat(builder.Configuration)
            .AddRequestLimits(builder.Configuration)
            .AddHealth()
            .AddPrivacy(builder.Configuration)
            .AddTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebChatProtocols();
        app.UseRequestLimits();
        app.UseWebChatPages();
        app.MapBotApi();
        app.MapAgentsApi();
        app.MapFeedbackApi();
        app.MapWebChatApi();
        app.MapHealthApi();
        app.MapKnowledgeAdminApi();
        return app;
    }

    /// <summary>The addresses the started host listens on (e.g. after <c>--urls http://127.0.0.1:0</c>).</summary>
    public static IReadOnlyCollection<string> ListeningAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    /// <summary>True when any of ASP.NET Core's ways to choose addresses is used (--urls, ASPNETCORE_URLS, *_PORTS, Kestrel:Endpoints).</summary>
    internal static bool HasConfiguredUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
