using SupportBot.Cli;

// Verbs run as a command line; no verb (or "serve", or host options such as --urls) starts the host.
if (args.Length > 0 && CliApp.Verbs.Contains(args[0], StringComparer.Ordinal))
{
    return CliApp.Run(args, TimeProvider.System);
}

Console.Error.WriteLine("The chat host arrives with the Bot Framework host; use a verb for now: ask, search, eval, validate, export, bench.");
return ExitCodes.Usage;
