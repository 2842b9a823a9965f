namespace SupportBot.Cli;

/// <summary>Process exit codes of the CLI verbs.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work ran and found a problem: invalid knowledge, an eval below the bars.</summary>
    public const int Failed = 1;

    /// <summary>The command line or an input file was wrong.</summary>
    public const int Usage = 2;
}
