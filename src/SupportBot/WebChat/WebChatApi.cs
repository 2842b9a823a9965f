using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.Answering;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Limits;

namespace SupportBot.WebChat;

/// <summary>
/// The website chat: the self-hosted Direct Line (<c>/v3/directline</c>), the page's token endpoint
/// (<c>POST /api/directline/token</c>, rate-limited and origin-checked), the popular questions, and the pages
/// in wwwroot: <c>/</c> (customer chat on Microsoft's Web Chat), <c>/agent</c> (agents' lookup) and
/// <c>/embed.js</c> (the one-line embed).
/// </summary>
public static class WebChatApi
{
    public const string TokenPath = "/api/directline/token";
    public const string SuggestionsPath = "/api/webchat/suggestions";
    public const string TokenCorsPolicy = "webchat-token";

    /// <summary>Largest declared body the token endpoint accepts (it reads none).</summary>
    public const int MaxTokenRequestBytes = 1024;

    /// <summary>
    /// Adds the self-hosted Direct Line, the page token source (Azure's Direct Line when
    /// <c>DirectLine:AzureSecret</c> is set, else the built-in one), the token endpoint's CORS policy (its rate
    /// limit is <see cref="RequestLimits.Conversations"/>), and <see cref="WebChatOptions"/> / <see cref="AzureDirectLineOptions"/>, validated at start-up.
    /// </summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDirectLine(configuration);
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>());
        services.AddOptions<AzureDirectLineOptions>().Bind(configuration.GetSection(AzureDirectLineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureDirectLineOptions>, AzureDirectLineOptionsValidator>());

        services.AddHttpClient(AzureTokenSource.HttpClientName);
        services.TryAddSingleton<SelfHostedTokenSource>();
        services.TryAddSingleton<AzureTokenSource>();
        services.TryAddSingleton<IWebChatTokenSource>(sp => sp.GetRequiredService<IOptions<AzureDirectLineOptions>>().Value.UsesAzure
            ? sp.GetRequiredService<AzureTokenSource>()
            : sp.GetRequiredService<SelfHostedTokenSource>());

        services.AddOptions<CorsOptions>().Configure<IOptions<WebChatOptions>>((cors, web) =>
            cors.AddPolicy(TokenCorsPolicy, policy => policy.WithOrigins([.. web.Value.AllowedOrigins]).WithMethods("POST").WithHeaders("Content-Type")));
        return services;
    }

    /// <summary>The middleware the chat's protocols need, in order: WebSockets (the stream), CORS.</summary>
    public static WebApplication UseWebChatProtocols(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseCors();
        return app;
    }

    /// <summary>The static pages and scripts of wwwroot, with their security headers.</summary>
    public static WebApplication UseWebChatPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var contentTypes = new FileExtensionContentTypeProvider();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = context => WebPages.ApplyHeaders(context.Context, context.File.Name),
        });
        return app;
    }

    /// <summary>Maps <c>/v3/directline</c>, the token endpoint, the popular questions and the pages <c>/</c> and <c>/agent</c>.</summary>
    public static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDirectLine().WithDirectLineRateLimits();
        endpoints.MapPost(TokenPath, CreateTokenAsync)
            .RequireRateLimiting(RequestLimits.Conversations)
            .RequireCors(TokenCorsPolicy);
        endpoints.MapGet(SuggestionsPath, Suggestions);
        endpoints.MapGet("/", (HttpContext context, IWebHostEnvironment environment) => WebPages.Serve(context, environment, WebPages.Chat));
        endpoints.MapGet("/agent", (HttpContext context, IWebHostEnvironment environment) => WebPages.Serve(context, environment, WebPages.Agent));
        return endpoints;
    }

    internal static async Task<IResult> CreateTokenAsync(
        HttpContext context,
        IWebChatTokenSource tokens,
        IOptions<WebChatOptions> options,
        ILogger<WebChatToken> logger)
    {
        // The page sends no body; anything sizeable is not the page.
        if (context.Request.ContentLength > MaxTokenRequestBytes)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The token request needs no body; at most {MaxTokenRequestBytes} bytes are accepted.");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(context.Request, origin) && !options.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            Log.OriginRefused(logger, origin.Length > 100 ? origin[..100] : origin);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Origin not allowed",
                detail: "This site may not start chats here; add it to WebChat:AllowedOrigins.");
        }

        context.Response.Headers.CacheControl = "no-store";
        try
        {
            return TypedResults.Json(await tokens.CreateAsync(context.Request, context.RequestAborted));
        }
        catch (DirectLineExchangeException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Chat service unavailable",
                detail: "The chat service could not issue a token; try again in a moment.");
        }
        catch (DirectLineStoreUnavailableException)
        {
            // The shared signing key could not be read yet (Redis down since this replica started).
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Chat service unavailable",
                detail: "The chat service's store cannot be reached; try again in a moment.");
        }
    }

    /// <summary>The questions the welcome offers, for the page's "Popular questions" list.</summary>
    internal static IResult Suggestions(IAnswerEngineProvider engines)
    {
        if (engines.Current is not { } engine)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "The knowledge index is still loading.");
        }

        var knowledge = engine.Knowledge;
        var questions = knowledge.Responses.Suggested.Where(knowledge.FaqsById.ContainsKey).Select(id => knowledge.FaqsById[id].Question).ToList();
        return TypedResults.Json(new { suggestions = questions });
    }

    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
}
