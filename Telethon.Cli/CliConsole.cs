namespace Telethon.Cli;

/// <summary>The standard streams a command uses, replaceable in tests.</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>The process's own streams.</summary>
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);
}
