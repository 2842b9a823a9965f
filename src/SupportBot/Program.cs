using SupportBot.Cli;
using SupportBot.Hosting;

// Verbs run as a command line; no verb (or "serve", or host options such as --urls) starts the host.
if (args.Length > 0 && CliApp.Verbs.Contains(args[0], StringComparer.Ordinal))
{
    return CliApp.Run(args, TimeProvider.System);
}

await using var app = SupportBotHost.Build(args);
await app.RunAsync();

// Non-zero when the host stopped itself because the knowledge could not be loaded.
return Environment.ExitCode;
