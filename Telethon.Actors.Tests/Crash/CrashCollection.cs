namespace Telethon.Tests.Crash;

/// <summary>The crash tests run alone, not beside the rest of the suite: each streams thousands of messages to a child process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Crash";
}
