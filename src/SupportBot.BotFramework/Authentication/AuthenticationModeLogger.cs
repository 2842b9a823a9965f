using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.Authentication;

/// <summary>Says once at start-up whether inbound authentication is on, so anonymous mode is never silent.</summary>
internal sealed class AuthenticationModeLogger(IOptions<BotAuthenticationOptions> options, ILogger<AuthenticationModeLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsAnonymous)
        {
            Log.AuthenticationDisabled(logger);
        }
        else
        {
            Log.AuthenticationEnabled(logger, options.Value.AppType);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
