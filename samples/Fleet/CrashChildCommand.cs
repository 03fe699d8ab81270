namespace Telethon.Samples.Fleet;

/// <summary>How the crash scenario starts its child: a program and the arguments that come before the child's own.</summary>
/// <param name="FileName">The program to run.</param>
/// <param name="Arguments">The arguments before the child's options.</param>
public sealed record CrashChildCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// <c>dotnet exec</c> on the Fleet assembly that is running now (the sample's own output, or the copy beside a test
    /// assembly): the host and the runtime are the ones of this process, and the assembly's runtimeconfig.json and
    /// deps.json must lie beside it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The assembly or its runtimeconfig.json is missing.</exception>
    public static CrashChildCommand ForCurrentAssembly() => ForAssembly(typeof(CrashTest).Assembly.Location);

    /// <summary><c>dotnet exec</c> on a Fleet assembly.</summary>
    /// <param name="assemblyPath">The path of Fleet.dll.</param>
    /// <exception cref="FileNotFoundException">The assembly or its runtimeconfig.json is missing.</exception>
    public static CrashChildCommand ForAssembly(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
            throw new FileNotFoundException("The Fleet assembly to start the crash child from is missing.", path);
        var runtimeConfig = Path.ChangeExtension(path, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
            throw new FileNotFoundException("The Fleet assembly has no runtimeconfig.json beside it, so dotnet exec cannot start it.", runtimeConfig);
        return new CrashChildCommand(DotnetHost(), ["exec", path]);
    }

    /// <summary>
    /// The dotnet host of this process: the process itself when it is the muxer, else the one at the root of the
    /// running runtime (…/shared/Microsoft.NETCore.App/&lt;version&gt;/ is three levels below it), else the one on PATH.
    /// </summary>
    public static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), name, StringComparison.OrdinalIgnoreCase))
            return self;
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = string.IsNullOrEmpty(runtimeDirectory) ? null : new DirectoryInfo(runtimeDirectory).Parent?.Parent?.Parent;
        if (root is not null && File.Exists(Path.Combine(root.FullName, name)))
            return Path.Combine(root.FullName, name);
        foreach (var variable in new[] { "DOTNET_HOST_PATH", "DOTNET_ROOT" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
                continue;
            var candidate = Directory.Exists(value) ? Path.Combine(value, name) : value;
            if (File.Exists(candidate))
                return candidate;
        }
        return name;
    }
}
