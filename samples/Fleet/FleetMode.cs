namespace Telethon.Samples.Fleet;

/// <summary>The programs behind the Fleet command line.</summary>
internal enum FleetMode
{
    /// <summary>The fleet of accounts (the default).</summary>
    Fleet,

    /// <summary>The crash scenario (<c>--crash-test</c>).</summary>
    CrashTest,

    /// <summary>The crash scenario's child process (<c>--crash-child</c>, started by the scenario only).</summary>
    CrashChild,
}
