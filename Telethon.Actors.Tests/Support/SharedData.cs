using System.Text.Json;

namespace Telethon.Tests.Support;

/// <summary>
/// Locates the reference data (TL schemas, known-answer vectors) that lives beside the repository
/// in <c>../shared</c>. It is never committed; tests that need it skip with a stated reason when absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null when it is not present on this machine.</summary>
    public static string? Directory => Root.Value;

    /// <summary>The reason a test skips when the shared folder is absent.</summary>
    public const string MissingReason = "../shared (reference TL files and vectors) is not present beside the repository";

    /// <summary>Full path of a file under the shared folder; skips the calling test when it is absent.</summary>
    public static string PathOf(string relative)
    {
        Skip.If(Directory is null, MissingReason);
        var path = Path.Combine(Directory!, relative);
        Skip.IfNot(File.Exists(path), $"../shared/{relative} is not present");
        return path;
    }

    /// <summary>Parses a JSON vector file under the shared folder; skips the calling test when it is absent.</summary>
    public static JsonDocument Json(string relative) => JsonDocument.Parse(File.ReadAllBytes(PathOf(relative)));

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("TELETHON_SHARED");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
            return Path.GetFullPath(env);
        // Walk up from the test binary to the repository (the folder holding the solution), then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telethon.Actors.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return System.IO.Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }
}
